#pragma once

#include "CliCommand.h"

namespace sreg {

// user add NAME [--admin] [--full-name TEXT] [--email ADDRESS] | ls [--json] | disable NAME | enable NAME |
// make-admin NAME | revoke-admin NAME | quota NAME BYTES|none
class UserCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("user"); }
    QString synopsis() const override;
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
