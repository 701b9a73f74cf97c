#pragma once

#include "CliCommand.h"

namespace sreg {

// push FILE REF [--private] [--description TEXT]: REF = [entity/]collection/container[:tag[,tag...]].
// Creates a missing collection; prints the image's digest.
class PushCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("push"); }
    QString synopsis() const override { return QStringLiteral("push FILE REF [--private] [--description TEXT]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
