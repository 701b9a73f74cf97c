// The desktop's storage settings (offscreen): the form gives back what it was given and refuses what
// storage.json would refuse, the dialog offers "Save" for the same storage and "Move" for another, and the
// migration Task moves a registry's images (to a folder always; to the real S3 server when S3_* is set),
// switches its storage.json, and reports progress. Keychain access itself needs a session's Secret Service and
// is not exercised here; its encoding is.
#include "ObjectStoreEnvironment.h"
#include "ResultAssertions.h"
#include "SifBuilder.h"
#include "StorageConfigForm.h"
#include "StorageKeychain.h"
#include "StorageMigrationTask.h"
#include "StorageSettingsDialog.h"
#include "Task.h"
#include "TaskManager.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobStoreFactory.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class StorageDialogTest final : public QObject
{
    Q_OBJECT

private:
    static StorageConfig parsed(const char* json)
    {
        return *StorageConfig::fromJson(QJsonDocument::fromJson(QByteArray(json).replace('\'', '"')).object());
    }

    // A registry with one pushed image; returns its digest.
    static QString pushOne(Registry& registry, const QString& file)
    {
        if (!makeSif(file, 3 << 20, 97))
            return {};
        PushRequest request;
        request.collection = QStringLiteral("lab");
        request.container = QStringLiteral("tool");
        request.tags = { QStringLiteral("latest") };
        Result<ImageRecord> image = registry.images().pushFile(Actor::local(), file, request);
        return image ? image->digest : QString();
    }

    static void move(TaskManager& tasks, std::shared_ptr<Registry> registry, const StorageConfig& target,
                     const StorageSecrets& secrets)
    {
        StorageMigrationTask::Setup setup;
        setup.registry = std::move(registry);
        setup.target = target;
        setup.secrets = secrets;
        Task* task = tasks.start(StorageMigrationTask::create(setup));
        QSignalSpy finished(task, &Task::finished);
        QSignalSpy progressed(task, &Task::progressChanged);
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(task->errorMessage()));
        QVERIFY(!progressed.isEmpty());
        QCOMPARE(task->result().value(QStringLiteral("switched")).toBool(), true);
        QCOMPARE(task->result().value(QStringLiteral("copied")).toInt(), 1);
    }

private Q_SLOTS:
    void formGivesBackWhatItWasGiven_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("local") << QByteArray("{'backend':'local','path':'/srv/blobs'}");
        QTest::newRow("s3") << QByteArray("{'backend':'s3','endpoint':'https://minio:9000','region':'eu-west-1',"
                                          "'bucket':'b','accessKeyId':'k','addressing':'path','prefix':'p/',"
                                          "'presignedDownloads':true,'verifyTls':false,'chunkMiB':32}");
        QTest::newRow("gcs") << QByteArray("{'backend':'gcs','bucket':'b','accessKeyId':'GOOG1E'}");
        QTest::newRow("swift") << QByteArray(
            "{'backend':'swift','authUrl':'https://ks:5000/v3','authMethod':'keystone',"
            "'user':'u','project':'p','userDomain':'lab','region':'R1',"
            "'container':'c','caFile':'/etc/ca.pem'}");
    }

    void formGivesBackWhatItWasGiven()
    {
        QFETCH(QByteArray, json);
        const StorageConfig config = parsed(json.constData());
        StorageConfigForm form;
        form.setConfig(config);
        Result<StorageConfig> back = form.config();
        SREG_VERIFY_OK(back);
        QCOMPARE(back->toJson(), config.toJson());
        QVERIFY(!form.hasSecret()); // the stored secret is never shown
    }

    void formRefusesWhatStorageJsonRefuses()
    {
        StorageConfigForm form;
        StorageConfig incomplete;
        incomplete.backend = StorageConfig::Backend::S3;
        form.setConfig(incomplete);
        SREG_VERIFY_ERROR(form.config(), ErrorCode::InvalidArgument);
    }

    void keychainEntriesRoundTrip()
    {
        StorageSecrets secrets;
        secrets.secret = "s3cr3t";
        secrets.sessionToken = "token";
        const std::optional<StorageSecrets> back = StorageKeychain::decode(StorageKeychain::encode(secrets));
        QVERIFY(back);
        QCOMPARE(back->secret, secrets.secret);
        QCOMPARE(back->sessionToken, secrets.sessionToken);
        QVERIFY(!StorageKeychain::decode("{}"));
        const StorageConfig s3 = parsed("{'backend':'s3','bucket':'b','accessKeyId':'k','prefix':'x/'}");
        QVERIFY(StorageKeychain::keyFor(QStringLiteral("/data"), s3).startsWith(QStringLiteral("/data|s3:")));
    }

    void dialogOffersSaveOrMove()
    {
        QTemporaryDir dir;
        RegistryOptions options;
        options.dataDir = dir.path();
        Result<std::shared_ptr<Registry>> registry = Registry::open(options);
        SREG_VERIFY_OK(registry);
        TaskManager tasks;
        StorageSettingsDialog dialog(*registry, &tasks);
        auto* form = dialog.findChild<StorageConfigForm*>();
        QVERIFY(form);
        QPushButton* apply = nullptr;
        for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
            if (button->text() == StorageSettingsDialog::tr("Save settings"))
                apply = button;
        }
        QVERIFY2(apply, "the current storage offers Save");
        form->findChild<QComboBox*>()->setCurrentIndex(1); // S3: incomplete, so nothing to apply
        QVERIFY(!apply->isEnabled());
        StorageConfigForm* same = form;
        same->setConfig(parsed("{'backend':'s3','bucket':'b','accessKeyId':'k'}"));
        QCOMPARE(apply->text(), StorageSettingsDialog::tr("Move images here"));
        QVERIFY(apply->isEnabled());
    }

    void migrationTaskMovesTheImages()
    {
        QTemporaryDir dir;
        RegistryOptions options;
        options.dataDir = dir.filePath(QStringLiteral("data"));
        Result<std::shared_ptr<Registry>> registry = Registry::open(options);
        SREG_VERIFY_OK(registry);
        const QString digest = pushOne(**registry, dir.filePath(QStringLiteral("image.sif")));
        QVERIFY(!digest.isEmpty());
        TaskManager tasks;

        StorageConfig folder;
        folder.path = dir.filePath(QStringLiteral("moved"));
        move(tasks, *registry, folder, {});
        Result<StorageConfig> switched = BlobStoreFactory::configuredIn(options.dataDir);
        SREG_VERIFY_OK(switched);
        QCOMPARE(switched->path, folder.path);

        const std::optional<ObjectStoreEnvironment> s3
            = ObjectStoreEnvironment::s3(ObjectStoreEnvironment::uniqueName(QStringLiteral("gui")));
        if (!s3) {
            if (qEnvironmentVariable("CI") == u"true")
                QFAIL("S3_* is not set on CI");
            QSKIP("S3_* not set: the move to S3 is not tried");
        }
        SREG_VERIFY_OK(ObjectStoreEnvironment::create(*s3));
        // The reopened registry reads the folder; the next move goes to the bucket.
        registry->reset();
        registry = Registry::open(options);
        SREG_VERIFY_OK(registry);
        move(tasks, *registry, s3->config, s3->secrets);
        Result<std::unique_ptr<BlobStore>> bucket = BlobStoreFactory::create(s3->config, s3->secrets, options.dataDir);
        SREG_VERIFY_OK(bucket);
        auto exists = (*bucket)->exists(*Digest::fromString(digest));
        SREG_VERIFY_OK(exists);
        QVERIFY(*exists);
        bucket->reset();
        SREG_VERIFY_OK(ObjectStoreEnvironment::destroy(*s3));
    }
};

QTEST_MAIN(StorageDialogTest)
#include "StorageDialogTest.moc"
