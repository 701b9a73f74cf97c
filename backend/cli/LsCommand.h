#pragma once

#include "CliCommand.h"

namespace sreg {

// ls [COLLECTION] [--json]: the collections, or the tags of one collection.
class LsCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("ls"); }
    QString synopsis() const override { return QStringLiteral("ls [COLLECTION] [--json]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
