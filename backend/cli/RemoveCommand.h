#pragma once

#include "CliCommand.h"

namespace sreg {

// rm REF [--arch ARCH]: removes a tag (and its image when no tag is left) or, for :sha256.<hex>, an image with
// all its tags. The bytes become reclaimable by gc.
class RemoveCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("rm"); }
    QString synopsis() const override { return QStringLiteral("rm REF [--arch ARCH]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
