// End to end on the S3 backend: the built `sregistry-server serve` with <data>/storage.json naming a bucket on
// the real S3 server (Swift's s3api), images pushed and pulled through the library API (single upload and
// multipart), the bytes only in the bucket, and a restarted server still serving them. The secret is in the
// owner-only secrets file and must never show in the server's output.
#include "HttpClient.h"
#include "IntegrationHelpers.h"
#include "ObjectStoreEnvironment.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "storage/BlobStoreFactory.h"
#include "storage/S3BlobStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class S3ServeTest final : public QObject
{
    Q_OBJECT

public:
    explicit S3ServeTest(ObjectStoreEnvironment environment) : m_environment(std::move(environment)) { }

private:
    static QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static QString sha256(const QByteArray& bytes)
    {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    bool tag(const HttpClient& client, const QString& container, const QString& imageId, const QString& name) const
    {
        return client
                   .postJson(QStringLiteral("/v1/tags/apps~") + container,
                             { { QStringLiteral("Tag"), name }, { QStringLiteral("ImageID"), imageId } })
                   .status
            == 200;
    }

    bool inBucket(const QString& digestHex)
    {
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::create(m_environment.config, m_environment.secrets,
                                                                            m_dir.filePath(QStringLiteral("probe")));
        if (!store)
            return false;
        Result<bool> exists = (*store)->exists(*Digest::fromHex(digestHex));
        return exists && *exists;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QDir().mkpath(dataDir()));
        QVERIFY(m_environment.config.save(StorageConfig::pathIn(dataDir())));
        QVERIFY(StorageSecrets::writeFile(dataDir() + QStringLiteral("/storage-secrets.json"), m_environment.secrets));
        m_server = std::make_unique<ServerProcess>(dataDir());
        m_token = m_server->addUserWithToken(QStringLiteral("alice"));
        QVERIFY(!m_token.isEmpty());
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    }

    void cleanupTestCase()
    {
        if (!m_server)
            return;
        QCOMPARE(m_server->stop(), 0);
        const QByteArray output = m_server->standardOutput() + m_server->standardError();
        QVERIFY2(!output.contains(m_environment.secrets.secret), "the server printed the storage secret");
    }

    void pushAndPullThroughTheLibraryApi()
    {
        const QString file = m_dir.filePath(QStringLiteral("single.sif"));
        QVERIFY(makeSif(file, 24 << 20, 71)); // several chunks: a direct multipart upload to the blob's key
        const QByteArray bytes = readFile(file);
        const QString hex = sha256(bytes);
        HttpClient alice(m_server->baseUrl(), m_token);
        const QString imageId = IntegrationHelpers::announce(alice, QStringLiteral("apps"), QStringLiteral("single"),
                                                             QStringLiteral("sha256.") + hex);
        QVERIFY(!imageId.isEmpty());
        QCOMPARE(IntegrationHelpers::uploadSingle(alice, imageId, file).status, 200);
        QCOMPARE(alice.putJson(QStringLiteral("/v2/imagefile/%1/_complete").arg(imageId), {}).status, 200);
        QVERIFY(tag(alice, QStringLiteral("single"), imageId, QStringLiteral("latest")));

        QVERIFY(inBucket(hex));
        QVERIFY2(!QFileInfo::exists(dataDir() + QStringLiteral("/blobs/") + hex.left(2)),
                 "a blob landed on local disk");
        HttpClient anonymous(m_server->baseUrl());
        const QString path = QStringLiteral("/v1/imagefile/alice/apps/single:latest?arch=amd64");
        HttpClient::Reply pulled = anonymous.get(path);
        QCOMPARE(pulled.status, 200);
        QVERIFY(pulled.body == bytes);
        HttpClient::Reply range = anonymous.get(path, { { "Range", "bytes=1000000-1000099" } });
        QCOMPARE(range.status, 206);
        QVERIFY(range.body == bytes.mid(1000000, 100));
    }

    void multipartPushAssemblesInTheBucket()
    {
        const QString file = m_dir.filePath(QStringLiteral("parts.sif"));
        QVERIFY(makeSif(file, 70 << 20, 73)); // two library-API parts of 64 MiB at most
        const QByteArray bytes = readFile(file);
        const QString hex = sha256(bytes);
        HttpClient alice(m_server->baseUrl(), m_token);
        const QString imageId = IntegrationHelpers::announce(alice, QStringLiteral("apps"), QStringLiteral("parts"),
                                                             QStringLiteral("sha256.") + hex);
        const QString multipart = QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId);
        HttpClient::Reply started = alice.postJson(multipart, { { QStringLiteral("filesize"), bytes.size() } });
        QCOMPARE(started.status, 200);
        const QString uploadId = started.data().toObject().value(QStringLiteral("uploadID")).toString();
        const qint64 partSize = started.data().toObject().value(QStringLiteral("partSize")).toInteger();
        QJsonArray completed;
        for (int n = 1; qint64(n - 1) * partSize < bytes.size(); ++n) {
            const QByteArray part = bytes.mid((n - 1) * partSize, partSize);
            HttpClient::Reply url = alice.putJson(multipart,
                                                  { { QStringLiteral("partSize"), part.size() },
                                                    { QStringLiteral("uploadID"), uploadId },
                                                    { QStringLiteral("partNumber"), n },
                                                    { QStringLiteral("sha256sum"), sha256(part) } });
            QCOMPARE(url.status, 200);
            HttpClient::Reply put = HttpClient(QString()).put(
                url.data().toObject().value(QStringLiteral("presignedURL")).toString(), part);
            QCOMPARE(put.status, 200);
            completed.append(
                QJsonObject { { QStringLiteral("partNumber"), n }, { QStringLiteral("token"), put.header("ETag") } });
        }
        HttpClient::Reply done = alice.putJson(
            QStringLiteral("/v2/imagefile/%1/_multipart_complete").arg(imageId),
            { { QStringLiteral("uploadID"), uploadId }, { QStringLiteral("completedParts"), completed } });
        QVERIFY2(done.status == 200, done.body.constData());
        QVERIFY(tag(alice, QStringLiteral("parts"), imageId, QStringLiteral("latest")));
        QVERIFY(inBucket(hex));
        HttpClient::Reply pulled
            = HttpClient(m_server->baseUrl()).get(QStringLiteral("/v1/imagefile/alice/apps/parts:latest"));
        QCOMPARE(pulled.status, 200);
        QVERIFY(pulled.body == bytes);
    }

    void restartedServerServesFromTheBucket()
    {
        QCOMPARE(m_server->stop(), 0);
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
        const QByteArray bytes = readFile(m_dir.filePath(QStringLiteral("single.sif")));
        HttpClient::Reply pulled
            = HttpClient(m_server->baseUrl()).get(QStringLiteral("/v1/imagefile/alice/apps/single:latest"));
        QCOMPARE(pulled.status, 200);
        QVERIFY(pulled.body == bytes);
        const ServerProcess::CliResult verified = m_server->cli({ QStringLiteral("verify") });
        QVERIFY2(verified.exitCode == 0, verified.out + verified.err);
    }

    void presignedDownloadsRedirectToTheBucket()
    {
        // The setting on: GET answers 303 to a presigned URL that works without any credentials; HEAD still
        // answers here. Then off again: the bytes come through the server.
        QCOMPARE(m_server->stop(), 0);
        StorageConfig config = m_environment.config;
        config.presignedDownloads = true;
        QVERIFY(config.save(StorageConfig::pathIn(dataDir())));
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
        const QByteArray bytes = readFile(m_dir.filePath(QStringLiteral("single.sif")));
        const QString path = QStringLiteral("/v1/imagefile/alice/apps/single:latest");
        HttpClient::Reply redirected = HttpClient(m_server->baseUrl()).get(path);
        QCOMPARE(redirected.status, 303);
        const QUrl direct(redirected.header("Location"));
        QVERIFY2(direct.isValid() && direct.host() == QUrl(m_environment.config.endpoint).host(),
                 qPrintable(direct.toString()));
        QVERIFY(direct.query().contains(QStringLiteral("X-Amz-Signature")));
        const QUrl origin = direct.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
        HttpClient::Reply fromBucket
            = HttpClient(origin.toString()).get(direct.path(QUrl::FullyEncoded) + u'?' + direct.query(QUrl::FullyEncoded));
        QCOMPARE(fromBucket.status, 200);
        QVERIFY(fromBucket.body == bytes);
        QCOMPARE(HttpClient(m_server->baseUrl()).head(path).status, 200);

        QCOMPARE(m_server->stop(), 0);
        QVERIFY(m_environment.config.save(StorageConfig::pathIn(dataDir())));
        QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
        HttpClient::Reply proxied = HttpClient(m_server->baseUrl()).get(path);
        QCOMPARE(proxied.status, 200);
        QVERIFY(proxied.body == bytes);
    }

private:
    ObjectStoreEnvironment m_environment;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::optional<ObjectStoreEnvironment> environment
        = ObjectStoreEnvironment::s3(ObjectStoreEnvironment::uniqueName(QStringLiteral("serve")));
    if (!environment)
        return ObjectStoreEnvironment::unavailable(
            QStringLiteral("S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are not set"));
    if (Status created = ObjectStoreEnvironment::create(*environment); !created)
        return ObjectStoreEnvironment::unavailable(created.error().message());
    int status = 0;
    {
        S3ServeTest test(*environment);
        status = QTest::qExec(&test, argc, argv);
    }
    if (Status removed = ObjectStoreEnvironment::destroy(*environment); !removed)
        qWarning().noquote() << "could not remove the test bucket:" << removed.error().message();
    return status;
}

#include "S3ServeTest.moc"
