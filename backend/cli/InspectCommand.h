#pragma once

#include "CliCommand.h"

namespace sreg {

// inspect REF|FILE [--json] [--arch ARCH]: header, objects, labels, definition file, digest, size and arch of
// an image in the registry, or of a local SIF file.
class InspectCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inspect"); }
    QString synopsis() const override { return QStringLiteral("inspect REF|FILE [--json] [--arch ARCH]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
