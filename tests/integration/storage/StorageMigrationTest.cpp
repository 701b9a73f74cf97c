// Moving a registry's blobs between backends (BlobMigration, as `migrate-storage` and the GUI run it) against
// the real S3 and Swift servers: local -> S3 -> Swift -> local, interrupted and resumed, with a damaged copy in
// the target, and the registry opening the switched storage by itself.
#include "ContractSupport.h"
#include "ObjectStoreEnvironment.h"
#include "ResultAssertions.h"
#include "common/Sha256.h"
#include "registry/Registry.h"
#include "storage/BlobMigration.h"
#include "storage/BlobStoreFactory.h"
#include "storage/S3BlobStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;
using contract::MiB;

class StorageMigrationTest final : public QObject
{
    Q_OBJECT

public:
    StorageMigrationTest(ObjectStoreEnvironment s3, ObjectStoreEnvironment swift)
        : m_s3(std::move(s3)), m_swift(std::move(swift))
    {
    }

private:
    // Writes config (and its secret, owner-only) beside each other in the temporary folder.
    QString writeConfig(const QString& name, const ObjectStoreEnvironment& environment)
    {
        const QString path = m_files.filePath(name + QStringLiteral(".json"));
        if (!environment.config.save(path))
            return {};
        if (environment.config.isObjectStore()
            && !StorageSecrets::writeFile(StorageSecrets::secretsFilePath(environment.config, path),
                                          environment.secrets))
            return {};
        return path;
    }

    std::unique_ptr<BlobStore> openTarget(const QString& configPath, const QString& dataDir)
    {
        Result<std::unique_ptr<BlobStore>> store
            = BlobStoreFactory::open(configPath, dataDir, StorageSecrets::Role::Target);
        if (!store)
            qWarning().noquote() << store.error().message();
        return store ? std::move(*store) : nullptr;
    }

    static Result<BlobMigration::Report> migrate(const QString& dataDir, BlobStore& source, BlobStore& target,
                                                 const QString& configPath, const BlobMigration::Options& options)
    {
        Result<StorageConfig> config = StorageConfig::load(configPath);
        if (!config)
            return config.error();
        BlobMigration migration(dataDir, source, target, *config, configPath);
        return migration.run(options);
    }

    static bool holdsAll(BlobStore& store, const QList<QByteArray>& blobs)
    {
        for (const QByteArray& bytes : blobs) {
            Result<QByteArray> read = contract::readBlob(store, Sha256::of(bytes));
            if (!read || *read != bytes)
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void movesAcrossEveryBackendAndResumes()
    {
        QTemporaryDir data;
        const QString dataDir = data.path();
        Result<std::unique_ptr<BlobStore>> local = BlobStoreFactory::openConfigured(dataDir);
        SREG_VERIFY_OK(local);
        QList<QByteArray> blobs;
        for (int i = 0; i < 4; ++i) {
            blobs.append(contract::testBytes(i == 3 ? 7 * MiB + 11 : 100000 * (i + 1), 500 + i));
            SREG_VERIFY_OK(contract::storeBytes(**local, blobs.last()));
        }

        // local -> S3, stopped after the first blob, then resumed.
        ObjectStoreEnvironment s3 = m_s3;
        s3.config.prefix = QStringLiteral("moved/");
        const QString s3Config = writeConfig(QStringLiteral("s3"), s3);
        QVERIFY(!s3Config.isEmpty());
        auto target = openTarget(s3Config, dataDir);
        QVERIFY(target);
        BlobMigration::Options stopEarly;
        stopEarly.progress = [](const BlobMigration::Progress& progress) {
            return progress.blobsDone < 1;
        };
        SREG_VERIFY_ERROR(migrate(dataDir, **local, *target, s3Config, stopEarly), ErrorCode::Cancelled);
        QVERIFY(QFile::exists(BlobMigration::journalPath(dataDir)));
        QVERIFY(!QFile::exists(StorageConfig::pathIn(dataDir))); // not switched
        // Someone damages one of the copies in the target meanwhile: it is found and copied again.
        SREG_VERIFY_OK(target->remove(Sha256::of(blobs[2])));
        auto& s3Store = static_cast<S3BlobStore&>(*target);
        SREG_VERIFY_OK(s3Store.s3().putObject(s3Store.layout().blobKey(Sha256::of(blobs[2])), "garbage", 7));
        BlobMigration::Options resume;
        resume.requiredDigests = [&]() -> Result<QSet<QString>> {
            QSet<QString> digests;
            for (const QByteArray& bytes : std::as_const(blobs))
                digests.insert(Sha256::of(bytes).toString());
            return digests;
        };
        auto report = migrate(dataDir, **local, *target, s3Config, resume);
        SREG_VERIFY_OK(report);
        QCOMPARE(report->blobs, 4);
        QCOMPARE(report->copied + report->alreadyThere, 3); // the first came through the journal
        QVERIFY(report->switched);
        QVERIFY(!QFile::exists(BlobMigration::journalPath(dataDir)));
        QVERIFY(holdsAll(*target, blobs));
        QVERIFY(holdsAll(**local, blobs)); // kept: no --remove-old

        // The registry opens the switched storage by itself (Registry::open without a storeFactory).
        {
            RegistryOptions options;
            options.dataDir = dataDir;
            Result<std::shared_ptr<Registry>> registry = Registry::open(options);
            SREG_VERIFY_OK(registry);
            QCOMPARE((*registry)->store().kind(), QStringLiteral("s3"));
            QVERIFY(holdsAll((*registry)->store(), blobs));
        }

        // S3 -> Swift, removing the old copies.
        const QString swiftConfig = writeConfig(QStringLiteral("swift"), m_swift);
        QVERIFY(!swiftConfig.isEmpty());
        auto swift = openTarget(swiftConfig, dataDir);
        QVERIFY(swift);
        BlobMigration::Options removeOld;
        removeOld.removeOld = true;
        report = migrate(dataDir, *target, *swift, swiftConfig, removeOld);
        SREG_VERIFY_OK(report);
        QCOMPARE(report->copied, 4);
        QCOMPARE(report->removed, 4);
        QVERIFY(holdsAll(*swift, blobs));
        auto left = contract::listBlobs(*target);
        SREG_VERIFY_OK(left);
        QVERIFY(left->isEmpty());
        QVERIFY(QFile::exists(StorageConfig::pathIn(dataDir) + QStringLiteral(".previous")));

        // Swift -> a local folder, copy only: nothing switches.
        ObjectStoreEnvironment folder;
        folder.config.path = data.filePath(QStringLiteral("elsewhere"));
        const QString localConfig = writeConfig(QStringLiteral("local"), folder);
        auto back = openTarget(localConfig, dataDir);
        QVERIFY(back);
        BlobMigration::Options copyOnly;
        copyOnly.switchOver = false;
        report = migrate(dataDir, *swift, *back, localConfig, copyOnly);
        SREG_VERIFY_OK(report);
        QVERIFY(!report->switched);
        QVERIFY(holdsAll(*back, blobs));
        Result<StorageConfig> current = BlobStoreFactory::configuredIn(dataDir);
        SREG_VERIFY_OK(current);
        QCOMPARE(current->backend, StorageConfig::Backend::Swift);
    }

    void refusesWhenReferencedBlobsAreMissing()
    {
        QTemporaryDir data;
        Result<std::unique_ptr<BlobStore>> local = BlobStoreFactory::openConfigured(data.path());
        SREG_VERIFY_OK(local);
        SREG_VERIFY_OK(contract::storeBytes(**local, "present"));
        const QString s3Config = writeConfig(QStringLiteral("s3-missing"), m_s3);
        auto target = openTarget(s3Config, data.path());
        QVERIFY(target);
        BlobMigration::Options options;
        options.requiredDigests = []() -> Result<QSet<QString>> {
            return QSet<QString> { Sha256::of("present").toString(), Sha256::of("lost before the move").toString() };
        };
        SREG_VERIFY_ERROR(migrate(data.path(), **local, *target, s3Config, options), ErrorCode::NotFound);
        QVERIFY(!QFile::exists(StorageConfig::pathIn(data.path())));
    }

private:
    ObjectStoreEnvironment m_s3;
    ObjectStoreEnvironment m_swift;
    QTemporaryDir m_files;
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::optional<ObjectStoreEnvironment> s3
        = ObjectStoreEnvironment::s3(ObjectStoreEnvironment::uniqueName(QStringLiteral("mig")));
    const std::optional<ObjectStoreEnvironment> swift
        = ObjectStoreEnvironment::swift(ObjectStoreEnvironment::uniqueName(QStringLiteral("mig")));
    if (!s3 || !swift)
        return ObjectStoreEnvironment::unavailable(QStringLiteral("the S3_* and SWIFT_* variables are not all set"));
    for (const ObjectStoreEnvironment& environment : { *s3, *swift }) {
        if (Status created = ObjectStoreEnvironment::create(environment); !created)
            return ObjectStoreEnvironment::unavailable(created.error().message());
    }
    StorageMigrationTest test(*s3, *swift);
    const int status = QTest::qExec(&test, argc, argv);
    for (const ObjectStoreEnvironment& environment : { *s3, *swift }) {
        if (Status removed = ObjectStoreEnvironment::destroy(environment); !removed)
            qWarning().noquote() << "could not remove the test bucket:" << removed.error().message();
    }
    return status;
}

#include "StorageMigrationTest.moc"
