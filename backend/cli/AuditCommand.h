#pragma once

#include "CliCommand.h"

namespace sreg {

// audit [--actor NAME] [--action ACTION] [--limit N] [--csv|--json]: the newest audit events first.
class AuditCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString synopsis() const override { return QStringLiteral("audit [--actor NAME] [--action ACTION] [--limit N] [--csv|--json]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
