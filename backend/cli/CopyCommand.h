#pragma once

#include "CliCommand.h"

namespace sreg {

// copy SRC_REF DST_REF [--token-file F] …: copies one image between any two registries. A REF is a local
// "collection/container:tag" (in --data) or "https://host/collection/container:tag"; DST_REF without a tag keeps
// the source's. The bytes travel only when the target lacks them, are verified by SHA-256 before the target
// records anything, and a broken connection is resumed.
class CopyCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("copy"); }
    QString synopsis() const override
    {
        return QStringLiteral("copy SRC_REF DST_URL/DST_REF [--token-file F] [--source-token-file F] "
                              "[--target-token-file F] [--user NAME] [--fingerprint SHA256] [--arch ARCH] [--json]");
    }
    int run(CliContext& context, const QStringList& args) override;
};

} // namespace sreg
