#pragma once

#include "CliCommand.h"

namespace sreg {

// team create NAME [--description TEXT] | ls [--json] | rm NAME | add-member TEAM USER [--owner] |
// remove-member TEAM USER
class TeamCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("team"); }
    QString synopsis() const override;
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
