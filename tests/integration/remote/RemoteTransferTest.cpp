// Copies between registries with two real servers and a local registry: local -> remote, remote -> local and
// remote -> remote, each verified by digest; nothing sent when the target has the bytes; a multipart upload that
// stopped goes on with only the parts the server lacks; and a download whose source server is killed halfway
// and restarted finishes with a Range request from where it broke, never with a duplicate or half image.

#include "RemoteTestServer.h"
#include "SifBuilder.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "remote/ImageTransfer.h"
#include "remote/LibraryClient.h"
#include "remote/LibraryUploader.h"
#include "remote/LocalEndpoint.h"
#include "remote/RemoteEndpoint.h"
#include "remote/RemoteRegistry.h"
#include "storage/BlobStore.h"
#include "common/FileByteSource.h"
#include "common/Sha256.h"
#include "registry/MaintenanceService.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sreg;
using namespace sreg::test;

class RemoteTransferTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void copiesLocalToRemote();
    void copiesRemoteToLocal();
    void copiesRemoteToRemote();
    void sendsNothingTheTargetHas();
    void multipartUploadResumesWithMissingParts();
    void downloadResumesAfterTheSourceServerDies();
    void refusesBytesThatDoNotMatch();

private:
    ImageRecord localImage(const QString& ref);
    TagRecord remoteTag(remote::RemoteRegistry& registry, const QString& collection, const QString& container,
                        const QString& tag);

    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_a;
    std::unique_ptr<RemoteTestServer> m_b;
    std::unique_ptr<TempRegistry> m_local;
    QString m_bigDigest;
};

ImageRecord RemoteTransferTest::localImage(const QString& ref)
{
    Result<ImageRef> parsed = ImageRef::parse(ref);
    Result<ImageRecord> image = m_local->registry().images().resolve(Actor::local(), *parsed);
    return image ? *image : ImageRecord();
}

TagRecord RemoteTransferTest::remoteTag(remote::RemoteRegistry& registry, const QString& collection,
                                        const QString& container, const QString& tag)
{
    Result<QList<TagRecord>> tags = registry.allTags(collection);
    if (tags) {
        for (const TagRecord& record : *tags) {
            if (record.container == container && record.name == tag)
                return record;
        }
    }
    return {};
}

void RemoteTransferTest::initTestCase()
{
    m_a = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("a")));
    m_b = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("b")));
    QVERIFY(!m_a->push(QStringLiteral("lab/small:v1"), 2 << 20, 11).isEmpty());
    m_bigDigest = m_a->push(QStringLiteral("lab/big:v1"), 200 << 20, 12);
    QVERIFY(!m_bigDigest.isEmpty());
    QVERIFY2(m_a->start(), qPrintable(m_a->process().lastError()));
    QVERIFY2(m_b->start(), qPrintable(m_b->process().lastError()));
    m_local = std::make_unique<TempRegistry>();
    QVERIFY(m_local->isOpen());
}

void RemoteTransferTest::copiesLocalToRemote()
{
    const QString file = m_dir.filePath(QStringLiteral("local.sif"));
    QVERIFY(makeSif(file, 3 << 20, 21));
    PushRequest push;
    push.collection = QStringLiteral("mine");
    push.container = QStringLiteral("tool");
    push.tags = { QStringLiteral("v1") };
    QVERIFY(m_local->registry().images().pushFile(Actor::local(), file, push));
    const ImageRecord image = localImage(QStringLiteral("mine/tool:v1"));
    QVERIFY(image.id > 0);

    auto b = m_b->connect(m_b->adminToken());
    QVERIFY(b);
    remote::LocalEndpoint from(m_local->shared(), Actor::local());
    remote::RemoteEndpoint to(b);
    PushRequest target;
    target.collection = QStringLiteral("uploads");
    target.container = QStringLiteral("tool");
    target.tags = { QStringLiteral("v1"), QStringLiteral("latest") };
    Result<remote::ReceiveOutcome> copied = remote::ImageTransfer::copy(from, image, to, target);
    QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().message()));
    QVERIFY(copied->bytesSent);
    QCOMPARE(copied->image.digest, image.digest);
    const TagRecord there = remoteTag(*b, QStringLiteral("uploads"), QStringLiteral("tool"), QStringLiteral("latest"));
    QCOMPARE(there.image.digest, image.digest);
    QCOMPARE(there.image.size, image.size);
}

void RemoteTransferTest::copiesRemoteToLocal()
{
    auto a = m_a->connect(m_a->adminToken());
    QVERIFY(a);
    const TagRecord small = remoteTag(*a, QStringLiteral("lab"), QStringLiteral("small"), QStringLiteral("v1"));
    QVERIFY(small.image.size > 0);
    remote::RemoteEndpoint from(a);
    remote::LocalEndpoint to(m_local->shared(), Actor::local());
    PushRequest target;
    target.collection = QStringLiteral("copied");
    target.container = QStringLiteral("small");
    target.tags = { QStringLiteral("v1") };
    qint64 lastProgress = 0;
    Result<remote::ReceiveOutcome> copied = remote::ImageTransfer::copy(from, small.image, to, target,
                                                                        [&](qint64 done, qint64) {
                                                                            lastProgress = done;
                                                                            return true;
                                                                        });
    QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().message()));
    QCOMPARE(lastProgress, small.image.size);
    const ImageRecord local = localImage(QStringLiteral("copied/small:v1"));
    QCOMPARE(local.digest, small.image.digest);
    // The bytes on disk are what the digest says.
    Result<VerifyReport> verified = m_local->registry().maintenance().verify(Actor::local());
    QVERIFY(verified && verified->ok());
}

void RemoteTransferTest::copiesRemoteToRemote()
{
    auto a = m_a->connect(m_a->adminToken());
    auto b = m_b->connect(m_b->adminToken());
    QVERIFY(a && b);
    const TagRecord small = remoteTag(*a, QStringLiteral("lab"), QStringLiteral("small"), QStringLiteral("v1"));
    remote::RemoteEndpoint from(a);
    remote::RemoteEndpoint to(b);
    PushRequest target;
    target.collection = QStringLiteral("lab");
    target.container = QStringLiteral("small");
    target.tags = { QStringLiteral("v1") };
    Result<remote::ReceiveOutcome> copied = remote::ImageTransfer::copy(from, small.image, to, target);
    QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().message()));
    QVERIFY(copied->bytesSent);
    QCOMPARE(remoteTag(*b, QStringLiteral("lab"), QStringLiteral("small"), QStringLiteral("v1")).image.digest,
             small.image.digest);
}

void RemoteTransferTest::sendsNothingTheTargetHas()
{
    auto a = m_a->connect(m_a->adminToken());
    auto b = m_b->connect(m_b->adminToken());
    const TagRecord small = remoteTag(*a, QStringLiteral("lab"), QStringLiteral("small"), QStringLiteral("v1"));
    remote::RemoteEndpoint from(a);
    remote::RemoteEndpoint toRemote(b);
    // B has these bytes (previous test): another collection gets them without a byte sent.
    PushRequest target;
    target.collection = QStringLiteral("elsewhere");
    target.container = QStringLiteral("again");
    target.tags = { QStringLiteral("x") };
    Result<remote::ReceiveOutcome> again = remote::ImageTransfer::copy(from, small.image, toRemote, target);
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message()));
    QVERIFY(!again->bytesSent);
    QCOMPARE(remoteTag(*b, QStringLiteral("elsewhere"), QStringLiteral("again"), QStringLiteral("x")).image.digest,
             small.image.digest);

    // The same locally: the local store holds them since copiesRemoteToLocal.
    remote::LocalEndpoint toLocal(m_local->shared(), Actor::local());
    target.collection = QStringLiteral("copied");
    target.container = QStringLiteral("second");
    int reads = 0;
    Result<remote::ReceiveOutcome> local = toLocal.receive(
        target, *Digest::fromString(small.image.digest), small.image.size,
        [&]() -> Result<std::shared_ptr<ByteSource>> {
            ++reads;
            return Error(ErrorCode::Internal, QStringLiteral("must not be read"));
        },
        {});
    QVERIFY2(local, qPrintable(local ? QString() : local.error().message()));
    QVERIFY(!local->bytesSent);
    QCOMPARE(reads, 0);
    QCOMPARE(localImage(QStringLiteral("copied/second:x")).digest, small.image.digest);
}

void RemoteTransferTest::multipartUploadResumesWithMissingParts()
{
    // 200 MiB: four parts of 64 MiB on our server.
    const QString file = m_dir.filePath(QStringLiteral("parts.sif"));
    QVERIFY(makeSif(file, 200 << 20, 31));
    Result<Digest> digest = [&]() -> Result<Digest> {
        Sha256 hasher;
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io, file);
        while (!in.atEnd())
            hasher.update(in.read(1 << 20));
        return hasher.finish();
    }();
    QVERIFY(digest);
    auto b = m_b->connect(m_b->adminToken());
    remote::LibraryClient library = b->library();
    Result<QString> collection = library.ensureCollection(QStringLiteral("parts"), false);
    QVERIFY(collection);
    Result<QString> container = library.ensureContainer(*collection, QStringLiteral("parts"), QStringLiteral("big"));
    QVERIFY(container);
    Result<remote::LibraryClient::Image> image = library.createImage(*container, *digest, {});
    QVERIFY(image);
    QVERIFY(!image->uploaded);

    Result<std::unique_ptr<FileByteSource>> source = FileByteSource::open(file);
    QVERIFY(source);
    // First attempt: stop once two parts are through (the app quits, the network goes away...).
    remote::LibraryUploader first(b->http(), b->info().multipartResume);
    const Status stopped = first.upload(image->id, *digest, **source, [](qint64 done, qint64) {
        return done <= 2 * remote::LibraryUploader::MultipartThreshold;
    });
    QVERIFY(!stopped);
    QCOMPARE(stopped.error().code(), ErrorCode::Cancelled);
    QCOMPARE(first.partsSent(), 2);

    // A fresh uploader (a restarted app) asks the server what it has and sends the rest only.
    remote::LibraryUploader second(b->http(), b->info().multipartResume);
    const Status resumed = second.upload(image->id, *digest, **source, {});
    QVERIFY2(resumed, qPrintable(resumed ? QString() : resumed.error().message()));
    QCOMPARE(second.partsSkipped(), 2);
    QCOMPARE(second.partsSent(), 2);
    QVERIFY(library.setTag(*container, QStringLiteral("v1"), image->id, QStringLiteral("amd64")));
    const TagRecord stored = remoteTag(*b, QStringLiteral("parts"), QStringLiteral("big"), QStringLiteral("v1"));
    QCOMPARE(stored.image.digest, digest->toString());
    QCOMPARE(stored.image.size, (*source)->size());
}

void RemoteTransferTest::downloadResumesAfterTheSourceServerDies()
{
    auto a = m_a->connect(m_a->adminToken());
    const TagRecord big = remoteTag(*a, QStringLiteral("lab"), QStringLiteral("big"), QStringLiteral("v1"));
    QCOMPARE(big.image.digest, m_bigDigest);
    remote::RemoteEndpoint from(a);
    remote::LocalEndpoint to(m_local->shared(), Actor::local());
    PushRequest target;
    target.collection = QStringLiteral("copied");
    target.container = QStringLiteral("big");
    target.tags = { QStringLiteral("v1") };
    bool killed = false;
    bool restarted = false;
    Result<remote::ReceiveOutcome> copied = remote::ImageTransfer::copy(
        from, big.image, to, target, [&](qint64 done, qint64 total) {
            if (!killed && done > total / 3) {
                killed = true;
                m_a->kill(); // mid-transfer, no goodbye
                QThread::msleep(700);
                restarted = m_a->start();
            }
            return true;
        });
    QVERIFY(killed);
    QVERIFY2(restarted, qPrintable(m_a->process().lastError()));
    QVERIFY2(copied, qPrintable(copied ? QString() : copied.error().message()));
    QVERIFY(copied->bytesSent);
    QCOMPARE(localImage(QStringLiteral("copied/big:v1")).digest, m_bigDigest);
    // The restarted server sent the rest only: a 206 of fewer bytes than the image (the killed one never got to
    // log its request).
    static const QRegularExpression served(QStringLiteral("\"GET /v1/imagefile/[^\"]*\" 206 (\\d+)"));
    qint64 lastServed = -1;
    for (auto it = served.globalMatch(QString::fromUtf8(m_a->process().standardError())); it.hasNext();)
        lastServed = it.next().captured(1).toLongLong();
    QVERIFY2(lastServed > 0 && lastServed < big.image.size, qPrintable(QString::number(lastServed)));
    Result<VerifyReport> verified = m_local->registry().maintenance().verify(Actor::local());
    QVERIFY(verified && verified->ok());
}

void RemoteTransferTest::refusesBytesThatDoNotMatch()
{
    auto a = m_a->connect(m_a->adminToken());
    auto b = m_b->connect(m_b->adminToken());
    const TagRecord small = remoteTag(*a, QStringLiteral("lab"), QStringLiteral("small"), QStringLiteral("v1"));
    remote::RemoteEndpoint from(a);
    // The real bytes, announced under another digest: each target must refuse them and record nothing.
    const Digest wrong = *Digest::fromHex(QString(64, u'a'));
    const auto openBytes = [&] { return from.read(small.image); };
    PushRequest target;
    target.collection = QStringLiteral("copied");
    target.container = QStringLiteral("wrong");
    target.tags = { QStringLiteral("v1") };

    const QString before = m_local->snapshot();
    remote::LocalEndpoint local(m_local->shared(), Actor::local());
    Result<remote::ReceiveOutcome> refusedLocally = local.receive(target, wrong, small.image.size, openBytes, {});
    QVERIFY(!refusedLocally);
    QCOMPARE(refusedLocally.error().code(), ErrorCode::DigestMismatch);
    QCOMPARE(m_local->snapshot(), before);

    remote::RemoteEndpoint remoteTarget(b);
    Result<remote::ReceiveOutcome> refusedRemotely
        = remoteTarget.receive(target, wrong, small.image.size, openBytes, {});
    QVERIFY(!refusedRemotely);
    QCOMPARE(refusedRemotely.error().code(), ErrorCode::DigestMismatch);
    QCOMPARE(remoteTag(*b, QStringLiteral("copied"), QStringLiteral("wrong"), QStringLiteral("v1")).id, 0);
}

QTEST_GUILESS_MAIN(RemoteTransferTest)
#include "RemoteTransferTest.moc"
