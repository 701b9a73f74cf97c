#pragma once

#include "CliCommand.h"

namespace sreg {

// verify [--json]: re-hashes every blob and checks every image has its bytes; exit 1 when anything is wrong.
class VerifyCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("verify"); }
    QString synopsis() const override { return QStringLiteral("verify [--json]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
