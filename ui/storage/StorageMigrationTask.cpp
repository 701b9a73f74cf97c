#include "StorageMigrationTask.h"

#include "Task.h"
#include "cli/MigrateStorageCommand.h"
#include "registry/Registry.h"
#include "storage/BlobMigration.h"
#include "storage/BlobStoreFactory.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sreg {

Task* StorageMigrationTask::create(Setup setup, QObject* parent)
{
    const QString title
        = QCoreApplication::translate("StorageMigrationTask", "Move images to %1").arg(setup.target.describe());
    auto work = [setup](TaskProgress& progress) -> Result<QJsonObject> {
        Registry& registry = *setup.registry;
        const QString dataDir = registry.options().dataDir;
        progress.setStatusText(QCoreApplication::translate("StorageMigrationTask", "Connecting…"));
        Result<std::unique_ptr<BlobStore>> target = BlobStoreFactory::create(setup.target, setup.secrets, dataDir);
        if (!target)
            return target.error();
        BlobMigration migration(dataDir, registry.store(), **target, setup.target, QString());
        BlobMigration::Options options;
        options.removeOld = setup.removeOld;
        std::shared_ptr<Registry> shared = setup.registry;
        options.requiredDigests = [shared] {
            return MigrateStorageCommand::referencedDigests(*shared);
        };
        options.progress = [&progress](const BlobMigration::Progress& step) {
            progress.setStatusText(QCoreApplication::translate("StorageMigrationTask", "%1: %2 of %3 images")
                                       .arg(step.phase)
                                       .arg(step.blobsDone)
                                       .arg(step.blobsTotal));
            return progress.report(step.bytesDone, step.bytesTotal);
        };
        Result<BlobMigration::Report> report = migration.run(options);
        if (!report)
            return report.error();
        return QJsonObject { { QStringLiteral("blobs"), report->blobs },
                             { QStringLiteral("copied"), report->copied },
                             { QStringLiteral("alreadyThere"), report->alreadyThere },
                             { QStringLiteral("bytesCopied"), report->bytesCopied },
                             { QStringLiteral("removed"), report->removed },
                             { QStringLiteral("switched"), report->switched } };
    };
    return new Task(QStringLiteral("storage"), title, std::move(work), parent);
}

} // namespace sreg
