#pragma once

#include "CliCommand.h"

namespace sreg {

// pull REF OUTFILE [--arch ARCH]: REF may end in :tag or :sha256.<hex>. The file appears only once its bytes
// are complete and verified.
class PullCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("pull"); }
    QString synopsis() const override { return QStringLiteral("pull REF OUTFILE [--arch ARCH]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
