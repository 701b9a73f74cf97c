#pragma once

#include "CliCommand.h"

namespace sreg {

// gc [--dry-run] [--json]: removes blobs no image references (and uploads announced but never sent, after a
// day). With --dry-run, reports what and how many bytes it would remove.
class GcCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("gc"); }
    QString synopsis() const override { return QStringLiteral("gc [--dry-run] [--json]"); }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
