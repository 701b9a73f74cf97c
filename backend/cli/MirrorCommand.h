#pragma once

#include "CliCommand.h"

namespace sreg {

// mirror SOURCE_URL COLLECTION [--token-file F] [--user NAME] [--fingerprint SHA256] [--dry-run] [--prune]
//        [--jobs N] [--json]
// Makes the local registry's COLLECTION a copy of the remote one, for cron jobs on machines with no display:
// prints the plan, then copies what is missing (bytes only when not already stored), sets tags, freezes what
// the source has frozen, and with --prune deletes the tags the source no longer has. Frozen local tags are never
// moved or deleted. Exit 1 when anything failed (the rest is still done).
class MirrorCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("mirror"); }
    QString synopsis() const override
    {
        return QStringLiteral("mirror SOURCE_URL COLLECTION [--token-file F] [--dry-run] [--prune] [--jobs N] "
                              "[--user NAME] [--fingerprint SHA256] [--json]");
    }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
