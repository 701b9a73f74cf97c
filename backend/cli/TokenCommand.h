#pragma once

#include "CliCommand.h"

namespace sreg {

// token create USER --name N [--scope read|push|admin] [--expires DAYS]: prints only the secret on stdout.
// token ls USER [--json] | token revoke ID
class TokenCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("token"); }
    QString synopsis() const override;
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
