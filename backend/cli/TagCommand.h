#pragma once

#include "CliCommand.h"

namespace sreg {

// tag REF NEWTAG [--arch ARCH]: points NEWTAG (a tag, or container:tag in the same collection) at REF's image.
class TagCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("tag"); }
    QString synopsis() const override { return QStringLiteral("tag REF NEWTAG [--arch ARCH]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
