#pragma once

#include "CliCommand.h"
#include "common/Result.h"

#include <QSet>

namespace sreg {

class Registry;

// migrate-storage --to CONFIG [--copy-only] [--remove-old] [--no-read-back] [--json]: moves every blob to the
// storage CONFIG describes (BlobMigration), then makes it the registry's storage. The target's secret comes from
// SREGISTRY_TARGET_STORAGE_SECRET or the secrets file beside CONFIG, never from the command line.
class MigrateStorageCommand final : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("migrate-storage"); }
    QString synopsis() const override
    {
        return QStringLiteral("migrate-storage --to CONFIG [--copy-only] [--remove-old] [--no-read-back] [--json]");
    }
    int run(CliContext& context, const QStringList& args) override;

    // The digests ("sha256.<hex>") the registry's images reference, and those being pushed.
    static Result<QSet<QString>> referencedDigests(Registry& registry);
};

} // namespace sreg
