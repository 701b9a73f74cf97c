#pragma once

#include "CliCommand.h"

namespace sreg {

// collection create NAME [--private] [--description TEXT] | ls [--json] | rm NAME | set-private NAME |
// set-public NAME | members NAME | add-member NAME PRINCIPAL --role owner|contributor [--team] |
// remove-member NAME PRINCIPAL [--team] | quota NAME BYTES|none | allow-contributor-push NAME yes|no
class CollectionCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("collection"); }
    QString synopsis() const override;
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
