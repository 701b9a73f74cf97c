#include "MigrateStorageCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"
#include "registry/Registry.h"
#include "storage/BlobMigration.h"
#include "storage/BlobStoreFactory.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace sreg {

Result<QSet<QString>> MigrateStorageCommand::referencedDigests(Registry& registry)
{
    QSqlDatabase db = registry.database().connection();
    Result<QSqlQuery> rows = sqlExec(
        db,
        QStringLiteral("SELECT DISTINCT digest FROM images WHERE uploaded = 1 UNION SELECT digest FROM pending_blobs"));
    if (!rows)
        return rows.error();
    QSet<QString> digests;
    while (rows->next())
        digests.insert(rows->value(0).toString());
    return digests;
}

int MigrateStorageCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("to"), QStringLiteral("The settings (JSON) of the storage to move to."),
                       QStringLiteral("CONFIG") });
    parser.addOption({ QStringLiteral("copy-only"),
                       QStringLiteral("Copy and check, but keep using the current storage (run again to switch).") });
    parser.addOption({ QStringLiteral("remove-old"), QStringLiteral("After switching, remove the old copies.") });
    parser.addOption({ QStringLiteral("no-read-back"),
                       QStringLiteral("Trust the digest checked while writing; do not read each copy back.") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print the report as JSON.") });
    if (!arguments.parse(context, args, 0, 0))
        return arguments.usageStatus();
    const QString configPath = arguments.value(QStringLiteral("to"));
    if (configPath.isEmpty())
        return context.usage(QStringLiteral("migrate-storage needs --to CONFIG\n") + synopsis());
    if (arguments.isSet(QStringLiteral("copy-only")) && arguments.isSet(QStringLiteral("remove-old")))
        return context.usage(QStringLiteral("--remove-old needs the switch that --copy-only skips"));

    Result<StorageConfig> target = StorageConfig::load(configPath);
    if (!target)
        return context.fail(target.error());
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    const QString dataDir = (*registry)->options().dataDir;
    Result<StorageConfig> current = BlobStoreFactory::configuredIn(dataDir);
    if (!current)
        return context.fail(current.error());
    if (current->location(dataDir) == target->location(dataDir))
        return context.fail(
            Error(ErrorCode::InvalidArgument,
                  QStringLiteral("the registry already keeps its blobs in %1").arg(target->describe())));
    Result<std::unique_ptr<BlobStore>> targetStore
        = BlobStoreFactory::open(QFileInfo(configPath).absoluteFilePath(), dataDir, StorageSecrets::Role::Target);
    if (!targetStore)
        return context.fail(targetStore.error());

    BlobMigration migration(dataDir, (*registry)->store(), **targetStore, *target,
                            QFileInfo(configPath).absoluteFilePath());
    BlobMigration::Options options;
    options.readBack = !arguments.isSet(QStringLiteral("no-read-back"));
    options.switchOver = !arguments.isSet(QStringLiteral("copy-only"));
    options.removeOld = arguments.isSet(QStringLiteral("remove-old"));
    std::shared_ptr<Registry> shared = *registry;
    options.requiredDigests = [shared] {
        return referencedDigests(*shared);
    };
    QElapsedTimer sinceLine;
    sinceLine.start();
    options.progress = [&](const BlobMigration::Progress& progress) {
        if (sinceLine.elapsed() >= 1000) { // one line a second at most: this may run for hours
            context.err << progress.phase << ": " << progress.blobsDone << '/' << progress.blobsTotal << " blobs, "
                        << CliFormat::bytes(progress.bytesDone) << " of " << CliFormat::bytes(progress.bytesTotal)
                        << Qt::endl;
            sinceLine.restart();
        }
        return true;
    };
    context.err << "moving the blobs of " << dataDir << " from " << (*registry)->store().describe() << " to "
                << (*targetStore)->describe() << Qt::endl;
    Result<BlobMigration::Report> report = migration.run(options);
    if (!report)
        return context.fail(report.error());

    if (arguments.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(QJsonObject { { QStringLiteral("blobs"), report->blobs },
                                                   { QStringLiteral("copied"), report->copied },
                                                   { QStringLiteral("alreadyThere"), report->alreadyThere },
                                                   { QStringLiteral("bytesCopied"), report->bytesCopied },
                                                   { QStringLiteral("removed"), report->removed },
                                                   { QStringLiteral("switched"), report->switched } })
                           .toJson(QJsonDocument::Compact)
                    << Qt::endl;
    } else {
        context.out << report->blobs << " blob(s): " << report->copied << " copied ("
                    << CliFormat::bytes(report->bytesCopied) << "), " << report->alreadyThere << " already there";
        if (report->removed > 0)
            context.out << ", " << report->removed << " old copies removed";
        context.out << Qt::endl;
        if (report->switched)
            context.out << "the registry now keeps its blobs in " << target->describe()
                        << "; restart a running server to use it" << Qt::endl;
        else
            context.out << "copied without switching; run again without --copy-only to switch" << Qt::endl;
    }
    if (report->switched && qEnvironmentVariableIsSet("SREGISTRY_TARGET_STORAGE_SECRET")
        && !QFileInfo::exists(StorageSecrets::secretsFilePath(*target, configPath)))
        context.err << "note: the secret came from SREGISTRY_TARGET_STORAGE_SECRET; from now on the registry "
                       "needs it as SREGISTRY_STORAGE_SECRET (or in a secrets file)"
                    << Qt::endl;
    return ExitOk;
}

} // namespace sreg
