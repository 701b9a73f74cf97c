// The S3 backend against a real S3 server (Swift's s3api, which checks SigV4 signatures): the backend-agnostic
// BlobStore contract suites, unchanged, then what only S3 has (credentials refused by the server, direct and
// staged uploads, copies in parts, cleanup of unfinished multipart uploads, presigned URLs).
#include "storage/S3BlobStore.h"

#include "BlobStoreContract.h"
#include "ContractSupport.h"
#include "ObjectStoreEnvironment.h"
#include "ResultAssertions.h"
#include "common/Sha256.h"
#include "storage/BlobStoreFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <httplib.h>

using namespace sreg;
using namespace sreg::test;
using contract::MiB;

class S3BlobStoreTest final : public QObject
{
    Q_OBJECT

public:
    S3BlobStoreTest(ObjectStoreEnvironment environment, QString dataDir)
        : m_environment(std::move(environment)), m_dataDir(std::move(dataDir))
    {
    }

private:
    std::unique_ptr<S3BlobStore> open(const std::function<void(S3BlobStore::Options&)>& adjust = {})
    {
        S3BlobStore::Options options
            = BlobStoreFactory::s3Options(m_environment.config, m_environment.secrets, m_dataDir);
        if (adjust)
            adjust(options);
        Result<std::unique_ptr<S3BlobStore>> store = S3BlobStore::open(options);
        if (!store)
            qWarning().noquote() << store.error().message();
        return store ? std::move(*store) : nullptr;
    }

    static int unfinishedUploads(S3BlobStore& store, const QString& prefix)
    {
        int count = 0;
        const Status listed = store.s3().listMultipartUploads(prefix, [&](const S3Client::UploadInfo&) {
            ++count;
            return true;
        });
        return listed ? count : -1;
    }

    static int objectsUnder(S3BlobStore& store, const QString& prefix)
    {
        int count = 0;
        const Status listed = store.s3().list(prefix, [&](const ObjectInfo&) {
            ++count;
            return true;
        });
        return listed ? count : -1;
    }

    QStringList spoolFiles() const { return QDir(m_dataDir + QStringLiteral("/spool")).entryList(QDir::Files); }

private Q_SLOTS:
    void wrongSecretIsRefusedByTheServer()
    {
        StorageSecrets wrong;
        wrong.secret = "not-the-secret-" + m_environment.secrets.secret;
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::create(m_environment.config, wrong, m_dataDir);
        SREG_VERIFY_ERROR(store, ErrorCode::Unavailable);
        const QString message = store.error().message();
        QVERIFY2(message.contains(QStringLiteral("SignatureDoesNotMatch")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("refused the credentials")), qPrintable(message));
        QVERIFY2(!message.contains(QString::fromUtf8(m_environment.secrets.secret)), "the message shows a secret");

        // A single signed PUT as well: the server checks every request, not only listings.
        S3Client::Options options = BlobStoreFactory::s3Options(m_environment.config, wrong, m_dataDir).client;
        Result<std::unique_ptr<S3Client>> client = S3Client::create(options);
        SREG_VERIFY_OK(client);
        Result<QByteArray> put = (*client)->putObject(QStringLiteral("forged"), "x", 1);
        SREG_VERIFY_ERROR(put, ErrorCode::Unavailable);
        QVERIFY2(put.error().message().contains(QStringLiteral("SignatureDoesNotMatch")),
                 qPrintable(put.error().message()));
        auto good = open();
        QVERIFY(good);
        SREG_VERIFY_ERROR(good->s3().head(QStringLiteral("forged")), ErrorCode::NotFound);
    }

    void directUploadGoesStraightToTheBlobKey_data()
    {
        QTest::addColumn<qint64>("spoolMemory");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("spool in memory") << qint64(-1) << quint32(301);
        QTest::newRow("spool on disk") << qint64(0) << quint32(302);
    }

    void directUploadGoesStraightToTheBlobKey()
    {
        QFETCH(qint64, spoolMemory);
        QFETCH(quint32, seed);
        auto store = open([&](S3BlobStore::Options& options) { options.spoolMemoryBytes = spoolMemory; });
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(12 * MiB + 5, seed);
        BlobWriteOptions options;
        options.expectedDigest = Sha256::of(bytes);
        options.expectedSize = bytes.size();
        const QString key = store->layout().blobKey(*options.expectedDigest);
        auto writer = store->beginWrite(options);
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK(contract::writeAndFinish(**writer, bytes, MiB));
        // Parts went to the final key; nothing is visible until commit, and nothing went to staging.
        QCOMPARE(unfinishedUploads(*store, key), 1);
        QCOMPARE(objectsUnder(*store, store->layout().stagingPrefix()), 0);
        auto exists = store->exists(*options.expectedDigest);
        SREG_VERIFY_OK(exists);
        QVERIFY(!*exists);
        auto head = (*writer)->staged().read(0, 4096);
        SREG_VERIFY_OK(head);
        QVERIFY(*head == bytes.left(4096));
        QVERIFY2(spoolFiles().isEmpty(), "the spool file keeps a name after finish()");
        SREG_VERIFY_OK((*writer)->commit());
        QCOMPARE(unfinishedUploads(*store, key), 0);
        auto stored = contract::readBlob(*store, *options.expectedDigest);
        SREG_VERIFY_OK(stored);
        QVERIFY(*stored == bytes);

        // The same bytes again: nothing to upload, the blob is there.
        writer = store->beginWrite(options);
        SREG_VERIFY_OK(writer);
        SREG_VERIFY_OK(contract::writeAndFinish(**writer, bytes, 3 * MiB));
        QCOMPARE(unfinishedUploads(*store, key), 0);
        SREG_VERIFY_OK((*writer)->commit());
    }

    void stagedUploadIsCopiedAtCommit()
    {
        auto store = open();
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(11 * MiB + 7, 303);
        auto writer = store->beginWrite({});
        SREG_VERIFY_OK(writer);
        auto digest = contract::writeAndFinish(**writer, bytes, MiB + 1);
        SREG_VERIFY_OK(digest);
        QCOMPARE(objectsUnder(*store, store->layout().stagingPrefix()), 1);
        auto tail = (*writer)->staged().read(bytes.size() - 100, 100);
        SREG_VERIFY_OK(tail);
        QVERIFY(*tail == bytes.right(100));
        SREG_VERIFY_OK((*writer)->commit());
        QCOMPARE(objectsUnder(*store, store->layout().stagingPrefix()), 0);
        auto stored = contract::readBlob(*store, *digest);
        SREG_VERIFY_OK(stored);
        QVERIFY(*stored == bytes);
    }

    void largeStagedBlobIsCopiedInParts()
    {
        // Above copyPartSize (5 GiB in production) CopyObject is not allowed; UploadPartCopy does the copy.
        auto store = open([](S3BlobStore::Options& options) { options.copyPartSize = 6 * MiB; });
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(13 * MiB + 1, 307);
        auto digest = contract::storeBytes(*store, bytes, {}, 2 * MiB);
        SREG_VERIFY_OK(digest);
        auto info = store->s3().head(store->layout().blobKey(*digest));
        SREG_VERIFY_OK(info);
        QVERIFY2(info->etag.endsWith("-3"), info->etag.constData()); // assembled from three copied parts
        auto stored = contract::readBlob(*store, *digest);
        SREG_VERIFY_OK(stored);
        QVERIFY(*stored == bytes);
    }

    void abortedWritesLeaveNoUpload()
    {
        auto store = open();
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(11 * MiB, 309);
        BlobWriteOptions announced;
        announced.expectedDigest = Sha256::of(bytes);
        announced.expectedSize = bytes.size();
        for (const BlobWriteOptions& options : { announced, BlobWriteOptions() }) {
            auto writer = store->beginWrite(options);
            SREG_VERIFY_OK(writer);
            SREG_VERIFY_OK(contract::writeBytes(**writer, bytes, MiB));
            writer->reset(); // destroyed mid-way: the multipart upload is aborted
        }
        QCOMPARE(unfinishedUploads(*store, store->layout().prefix()), 0);
        QCOMPARE(objectsUnder(*store, store->layout().stagingPrefix()), 0);
        QVERIFY(spoolFiles().isEmpty());
    }

    void cleanupRemovesWhatCrashesLeft()
    {
        auto store = open();
        QVERIFY(store);
        S3Client& s3 = store->s3();
        // What a process killed mid-push leaves: an unfinished multipart upload at a blob key, a staged object,
        // and a multipart upload of the BlobStore interface.
        const QString blobKey = store->layout().blobKey(Sha256::of("killed mid-push"));
        auto uploadId = s3.createMultipartUpload(blobKey);
        SREG_VERIFY_OK(uploadId);
        const QByteArray part = contract::testBytes(5 * MiB, 311);
        SREG_VERIFY_OK(s3.uploadPart(blobKey, *uploadId, 1, part.constData(), part.size()));
        SREG_VERIFY_OK(s3.putObject(store->layout().stagingKey(ObjectKeyLayout::newWriterId()), "half", 4));
        auto storeUpload = store->createMultipart({});
        SREG_VERIFY_OK(storeUpload);
        SREG_VERIFY_OK(contract::sendPart(*store, *storeUpload, 1, "a part"));
        // Young leftovers may belong to a live writer: kept.
        SREG_VERIFY_OK(store->cleanupStale(std::chrono::hours(1)));
        QCOMPARE(unfinishedUploads(*store, blobKey), 1);
        QThread::sleep(2); // S3 times have a resolution of one second
        SREG_VERIFY_OK(store->cleanupStale(std::chrono::seconds(1)));
        QCOMPARE(unfinishedUploads(*store, store->layout().prefix()), 0);
        QCOMPARE(objectsUnder(*store, store->layout().stagingPrefix()), 0);
        QCOMPARE(objectsUnder(*store, store->layout().uploadsPrefix()), 0);
        SREG_VERIFY_ERROR(store->listParts(*storeUpload), ErrorCode::NotFound);
    }

    void presignedUrlServesTheBlob()
    {
        auto closed = open();
        QVERIFY(closed);
        QVERIFY(!closed->presignedGetUrl(Sha256::of("x"), std::chrono::seconds(60))); // off by default
        auto store = open([](S3BlobStore::Options& options) { options.presignedDownloads = true; });
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(300000, 313);
        auto digest = contract::storeBytes(*store, bytes);
        SREG_VERIFY_OK(digest);
        const std::optional<QUrl> url = store->presignedGetUrl(*digest, std::chrono::seconds(120));
        QVERIFY(url);
        const QUrl origin = url->adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
        httplib::Client client(origin.toString().toStdString());
        client.set_url_encode(false);
        const std::string target
            = url->toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toStdString();
        auto response = client.Get(target);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(QByteArray::fromStdString(response->body) == bytes);
        // Any change to the signed URL is refused by the server.
        std::string forged = target;
        forged.back() = forged.back() == '0' ? '1' : '0';
        response = client.Get(forged);
        QVERIFY(response);
        QCOMPARE(response->status, 403);
    }

    void missingBucketIsAClearError()
    {
        StorageConfig config = m_environment.config;
        config.bucket = ObjectStoreEnvironment::uniqueName(QStringLiteral("absent"));
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::create(config, m_environment.secrets, m_dataDir);
        SREG_VERIFY_ERROR(store, ErrorCode::Unavailable);
        QVERIFY2(store.error().message().contains(QStringLiteral("does not exist")),
                 qPrintable(store.error().message()));
    }

private:
    ObjectStoreEnvironment m_environment;
    QString m_dataDir;
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const std::optional<ObjectStoreEnvironment> environment
        = ObjectStoreEnvironment::s3(ObjectStoreEnvironment::uniqueName(QStringLiteral("s3")));
    if (!environment)
        return ObjectStoreEnvironment::unavailable(
            QStringLiteral("S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are not set"));
    if (Status created = ObjectStoreEnvironment::create(*environment); !created)
        return ObjectStoreEnvironment::unavailable(created.error().message());
    QTemporaryDir dataDir;
    const auto factory = [&]() -> std::unique_ptr<BlobStore> {
        Result<std::unique_ptr<BlobStore>> store
            = BlobStoreFactory::create(environment->config, environment->secrets, dataDir.path());
        if (!store)
            qWarning().noquote() << store.error().message();
        return store ? std::move(*store) : nullptr;
    };
    int status = BlobStoreContract::runAll(factory, { 5 * MiB }, argc, argv);
    S3BlobStoreTest specific(*environment, dataDir.path());
    status |= QTest::qExec(&specific, argc, argv);
    if (Status removed = ObjectStoreEnvironment::destroy(*environment); !removed)
        qWarning().noquote() << "could not remove the test bucket:" << removed.error().message();
    return status;
}

#include "S3BlobStoreTest.moc"
