// Storage settings (storage.json), where secrets come from, and the small rules of the object-store backends
// (key layout, chunk sizes) that need no server.
#include "storage/StorageConfig.h"

#include "ResultAssertions.h"
#include "common/Sha256.h"
#include "storage/ObjectBlobWriter.h"
#include "storage/ObjectKeyLayout.h"
#include "storage/StorageSecrets.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace sreg;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// JSON written with single quotes, for readability.
Result<StorageConfig> parse(const char* json)
{
    return StorageConfig::fromJson(QJsonDocument::fromJson(QByteArray(json).replace('\'', '"')).object());
}

// Sets (or clears) an environment variable for the scope of one test.
class ScopedEnv final
{
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_old(qgetenv(name)), m_had(qEnvironmentVariableIsSet(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    QByteArray m_old;
    bool m_had;
};

} // namespace

class StorageConfigTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        qunsetenv("SREGISTRY_STORAGE_SECRET");
        qunsetenv("SREGISTRY_TARGET_STORAGE_SECRET");
        StorageSecrets::setProvider({});
    }

    void parsesEveryBackend()
    {
        auto s3 = parse("{'backend':'s3','region':'eu-west-1','bucket':'lab','accessKeyId':'AKIA1','prefix':'reg/'}");
        SREG_VERIFY_OK(s3);
        QCOMPARE(s3->effectiveEndpoint(), QStringLiteral("https://s3.eu-west-1.amazonaws.com"));
        QCOMPARE(s3->secretLabel(), QStringLiteral("secret access key"));
        auto gcs = parse("{'backend':'gcs','bucket':'lab','accessKeyId':'GOOG1E'}");
        SREG_VERIFY_OK(gcs);
        QCOMPARE(gcs->effectiveEndpoint(), QStringLiteral("https://storage.googleapis.com"));
        QCOMPARE(gcs->effectiveRegion(), QStringLiteral("auto"));
        auto swift = parse("{'backend':'swift','authUrl':'https://keystone:5000/v3','authMethod':'keystone',           "
                           "                     'user':'reg','project':'lab','container':'images','_comment':'ours'}");
        SREG_VERIFY_OK(swift);
        QCOMPARE(swift->secretLabel(), QStringLiteral("password"));
        auto local = parse("{'backend':'local'}");
        SREG_VERIFY_OK(local);
        QVERIFY(!local->isObjectStore());
        QCOMPARE(local->location(QStringLiteral("/data")), QStringLiteral("local:/data/blobs"));
    }

    void refusesSecretsUnknownFieldsAndBadValues_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("secret key") << QByteArray(
            "{'backend':'s3','bucket':'b','accessKeyId':'a','secretAccessKey':'x'}")
                                    << QStringLiteral("secrets do not belong");
        QTest::newRow("password") << QByteArray(
            "{'backend':'swift','authUrl':'http://h/auth','user':'u','container':'c','password':'x'}")
                                  << QStringLiteral("secrets do not belong");
        QTest::newRow("typo") << QByteArray("{'backend':'s3','bukcet':'b','accessKeyId':'a'}")
                              << QStringLiteral("unknown storage setting \"bukcet\"");
        QTest::newRow("backend") << QByteArray("{'backend':'ftp'}") << QStringLiteral("must be one of");
        QTest::newRow("no bucket") << QByteArray("{'backend':'s3','accessKeyId':'a'}") << QStringLiteral("\"bucket\"");
        QTest::newRow("no key id") << QByteArray("{'backend':'s3','bucket':'b'}") << QStringLiteral("\"accessKeyId\"");
        QTest::newRow("credentials in URL")
            << QByteArray("{'backend':'s3','bucket':'b','accessKeyId':'a','endpoint':'https://u:p@h'}")
            << QStringLiteral("without credentials");
        QTest::newRow("small chunks") << QByteArray("{'backend':'s3','bucket':'b','accessKeyId':'a','chunkMiB':4}")
                                      << QStringLiteral("chunkMiB");
        QTest::newRow("wrong type") << QByteArray("{'backend':'s3','bucket':'b','accessKeyId':'a','verifyTls':'no'}")
                                    << QStringLiteral("true or false");
        QTest::newRow("no container") << QByteArray("{'backend':'swift','authUrl':'http://h/auth','user':'u'}")
                                      << QStringLiteral("\"container\"");
        QTest::newRow("auth method") << QByteArray(
            "{'backend':'swift','authUrl':'http://h','user':'u','container':'c','authMethod':'x'}")
                                     << QStringLiteral("authMethod");
    }

    void refusesSecretsUnknownFieldsAndBadValues()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        auto config = parse(json.constData());
        SREG_VERIFY_ERROR(config, ErrorCode::InvalidArgument);
        QVERIFY2(config.error().message().contains(expected), qPrintable(config.error().message()));
    }

    void roundTripsThroughAPrivateFile()
    {
        QTemporaryDir dir;
        auto config = parse("{'backend':'s3','endpoint':'http://127.0.0.1:9000','bucket':'b','accessKeyId':'a',        "
                            "                         'presignedDownloads':true,'chunkMiB':32}");
        SREG_VERIFY_OK(config);
        const QString path = StorageConfig::pathIn(dir.path());
        SREG_VERIFY_OK(config->save(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        auto loaded = StorageConfig::load(path);
        SREG_VERIFY_OK(loaded);
        QCOMPARE(loaded->toJson(), config->toJson());
        QCOMPARE(loaded->chunkMiB, 32);
        QVERIFY(loaded->presignedDownloads);
        SREG_VERIFY_ERROR(StorageConfig::load(dir.filePath(QStringLiteral("absent.json"))), ErrorCode::NotFound);
    }

    void secretsFileMustBePrivate()
    {
        QTemporaryDir dir;
        auto config = parse("{'backend':'s3','bucket':'b','accessKeyId':'a'}");
        SREG_VERIFY_OK(config);
        const QString configPath = dir.filePath(QStringLiteral("storage.json"));
        const QString secretsPath = StorageSecrets::secretsFilePath(*config, configPath);
        QCOMPARE(secretsPath, dir.filePath(QStringLiteral("storage-secrets.json")));
        StorageSecrets secrets;
        secrets.secret = "very-secret";
        SREG_VERIFY_OK(StorageSecrets::writeFile(secretsPath, secrets));
        auto resolved = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Current);
        SREG_VERIFY_OK(resolved);
        QCOMPARE(resolved->secret, QByteArray("very-secret"));
        QVERIFY(::chmod(QFile::encodeName(secretsPath).constData(), 0644) == 0);
        resolved = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Current);
        SREG_VERIFY_ERROR(resolved, ErrorCode::PermissionDenied);
        QVERIFY2(resolved.error().message().contains(QStringLiteral("chmod 600")),
                 qPrintable(resolved.error().message()));
        QVERIFY(!resolved.error().message().contains(QStringLiteral("very-secret")));
    }

    void environmentAndProviderComeFirst()
    {
        QTemporaryDir dir;
        auto config = parse("{'backend':'swift','authUrl':'http://h/auth/v1.0','user':'u','container':'c'}");
        SREG_VERIFY_OK(config);
        const QString configPath = dir.filePath(QStringLiteral("swift.json"));
        auto missing = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Current);
        SREG_VERIFY_ERROR(missing, ErrorCode::InvalidArgument);
        QVERIFY2(missing.error().message().contains(QStringLiteral("SREGISTRY_STORAGE_SECRET"))
                     && missing.error().message().contains(dir.filePath(QStringLiteral("swift-secrets.json"))),
                 qPrintable(missing.error().message()));
        {
            ScopedEnv current("SREGISTRY_STORAGE_SECRET", "from-env");
            ScopedEnv target("SREGISTRY_TARGET_STORAGE_SECRET", "target-env");
            auto resolved = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Current);
            SREG_VERIFY_OK(resolved);
            QCOMPARE(resolved->secret, QByteArray("from-env"));
            resolved = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Target);
            SREG_VERIFY_OK(resolved);
            QCOMPARE(resolved->secret, QByteArray("target-env"));
            StorageSecrets::setProvider([](const StorageConfig&, const QString&, StorageSecrets::Role) {
                StorageSecrets secrets;
                secrets.secret = "from-keychain";
                return std::optional<StorageSecrets>(secrets);
            });
            resolved = StorageSecrets::resolve(*config, configPath, StorageSecrets::Role::Current);
            SREG_VERIFY_OK(resolved);
            QCOMPARE(resolved->secret, QByteArray("from-keychain"));
            StorageSecrets::setProvider({});
        }
        auto local = parse("{'backend':'local'}");
        SREG_VERIFY_OK(StorageSecrets::resolve(*local, QString(), StorageSecrets::Role::Current)); // needs none
    }

    void keyLayout()
    {
        const ObjectKeyLayout layout(QStringLiteral("/reg"));
        QCOMPARE(layout.prefix(), QStringLiteral("reg/"));
        const Digest digest = Sha256::of("x");
        QCOMPARE(layout.blobKey(digest), QStringLiteral("reg/blobs/sha256/") + digest.hex());
        QCOMPARE(layout.parseBlobKey(layout.blobKey(digest)), std::optional<Digest>(digest));
        QVERIFY(!layout.parseBlobKey(QStringLiteral("reg/blobs/sha256/") + digest.hex().toUpper()));
        QVERIFY(!layout.parseBlobKey(QStringLiteral("other/blobs/sha256/") + digest.hex()));
        const QString first = ObjectKeyLayout::newWriterId();
        QTest::qWait(3);
        const QString second = ObjectKeyLayout::newWriterId();
        QVERIFY(first < second); // ids sort by age
        QVERIFY(ObjectKeyLayout::writerIdTime(first) > 0);
        const QString uploadId = ObjectKeyLayout::newUploadId();
        QVERIFY(ObjectKeyLayout::isValidUploadId(uploadId));
        for (const char* bad : { "../x", "", "abc", "%2e%2e%2fx" })
            QVERIFY(!ObjectKeyLayout::isValidUploadId(QString::fromLatin1(bad)));
        const QString part = layout.partKey(uploadId, 42, first);
        const auto parsed = ObjectKeyLayout::parsePartKey(uploadId, part, layout);
        QVERIFY(parsed);
        QCOMPARE(parsed->number, 42);
        QCOMPARE(parsed->writerId, first);
        QVERIFY(!ObjectKeyLayout::parsePartKey(uploadId, layout.uploadOptionsKey(uploadId), layout));
    }

    void chunkSizes()
    {
        ObjectBlobWriter::Tuning tuning;
        tuning.chunkSize = 16 * MiB;
        tuning.maxChunks = 1000;
        QCOMPARE(ObjectBlobWriter::chunkSizeFor(tuning, 100 * MiB, 1), 16 * MiB);
        // A known 64 GiB blob fits into 1000 chunks of one size.
        const qint64 big = qint64(64) << 30;
        const qint64 size = ObjectBlobWriter::chunkSizeFor(tuning, big, 1);
        QVERIFY(size * 1000 >= big);
        QCOMPARE(size % MiB, 0);
        // Unknown size: grows, so that 1000 chunks hold well over 64 GiB.
        qint64 total = 0;
        for (int n = 1; n <= 1000; ++n)
            total += ObjectBlobWriter::chunkSizeFor(tuning, -1, n);
        QVERIFY(total > big);
        QCOMPARE(ObjectBlobWriter::chunkSizeFor(tuning, -1, 1), 16 * MiB);
        tuning.chunkSize = MiB; // below S3's minimum part
        QCOMPARE(ObjectBlobWriter::chunkSizeFor(tuning, -1, 1), 5 * MiB);
    }
};

QTEST_GUILESS_MAIN(StorageConfigTest)
#include "StorageConfigTest.moc"
