// The Swift backend against a real OpenStack Swift (tempauth): the backend-agnostic BlobStore contract suites,
// unchanged, then what only Swift has (static large objects, concurrent pushes of one blob, a token Swift
// forgot, abandoned segments, a wrong key refused).
#include "storage/SwiftBlobStore.h"

#include "BlobStoreContract.h"
#include "ContractSupport.h"
#include "ObjectStoreEnvironment.h"
#include "ResultAssertions.h"
#include "common/Sha256.h"
#include "storage/BlobStoreFactory.h"
#include "storage/SwiftSegmentedUpload.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <thread>

using namespace sreg;
using namespace sreg::test;
using contract::MiB;

class SwiftBlobStoreTest final : public QObject
{
    Q_OBJECT

public:
    SwiftBlobStoreTest(ObjectStoreEnvironment environment, QString dataDir)
        : m_environment(std::move(environment)), m_dataDir(std::move(dataDir))
    {
    }

private:
    std::unique_ptr<SwiftBlobStore> open()
    {
        Result<std::unique_ptr<SwiftBlobStore>> store
            = SwiftBlobStore::open(BlobStoreFactory::swiftOptions(m_environment.config, m_environment.secrets));
        if (!store)
            qWarning().noquote() << store.error().message();
        return store ? std::move(*store) : nullptr;
    }

    static QStringList keysUnder(SwiftBlobStore& store, const QString& prefix)
    {
        QStringList keys;
        const Status listed = store.swift().list(prefix, [&](const ObjectInfo& object) {
            keys.append(object.key);
            return true;
        });
        return listed ? keys : QStringList { QStringLiteral("<listing failed>") };
    }

private Q_SLOTS:
    void wrongKeyIsRefusedByTheServer()
    {
        StorageSecrets wrong;
        wrong.secret = "not-the-key";
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::create(m_environment.config, wrong, m_dataDir);
        SREG_VERIFY_ERROR(store, ErrorCode::Unavailable);
        QVERIFY2(store.error().message().contains(QStringLiteral("sign-in refused")),
                 qPrintable(store.error().message()));
        QVERIFY(!store.error().message().contains(QStringLiteral("not-the-key")));
    }

    void largeBlobIsAStaticLargeObject()
    {
        auto store = open();
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(12 * MiB + 3, 401);
        auto digest = contract::storeBytes(*store, bytes, {}, MiB);
        SREG_VERIFY_OK(digest);
        auto segments = store->swift().manifestSegments(store->layout().blobKey(*digest));
        SREG_VERIFY_OK(segments);
        QCOMPARE(segments->size(), 3);
        QVERIFY(segments->first().startsWith(store->layout().segmentsPrefix()));
        auto size = store->size(*digest);
        SREG_VERIFY_OK(size);
        QCOMPARE(*size, bytes.size());
        auto blobs = contract::listBlobs(*store);
        SREG_VERIFY_OK(blobs);
        QCOMPARE(blobs->value(digest->toString()), bytes.size()); // the listing gives the content's size
        // Removing the blob takes its segments along.
        SREG_VERIFY_OK(store->remove(*digest));
        for (const QString& segment : *segments)
            SREG_VERIFY_ERROR(store->swift().head(segment), ErrorCode::NotFound);
    }

    void concurrentPushesOfOneBlobLeaveNoStraySegments()
    {
        auto store = open();
        QVERIFY(store);
        const QByteArray bytes = contract::testBytes(11 * MiB, 403);
        const QStringList before = keysUnder(*store, store->layout().segmentsPrefix()); // other tests' blobs
        std::optional<Result<Digest>> results[3];
        {
            std::vector<std::thread> threads;
            for (int i = 0; i < 3; ++i)
                threads.emplace_back([&, i] { results[i] = contract::storeBytes(*store, bytes, {}, MiB * (i + 1)); });
            for (std::thread& thread : threads)
                thread.join();
        }
        for (const auto& result : results)
            SREG_VERIFY_OK(*result);
        // Pushes at the same moment may all pass If-None-Match; the markers let cleanupStale remove the losers'
        // segments once the race is settled (a day in production, a second here).
        QThread::sleep(2);
        SREG_VERIFY_OK(store->cleanupStale(std::chrono::seconds(1)));
        auto segments = store->swift().manifestSegments(store->layout().blobKey(Sha256::of(bytes)));
        SREG_VERIFY_OK(segments);
        QStringList stored = keysUnder(*store, store->layout().segmentsPrefix());
        stored.removeIf([&](const QString& key) { return before.contains(key); });
        stored.sort();
        QStringList referenced = *segments;
        referenced.sort();
        QCOMPARE(stored, referenced); // the losers removed theirs
        QVERIFY(keysUnder(*store, store->layout().stagingPrefix()).isEmpty());
        auto read = contract::readBlob(*store, Sha256::of(bytes));
        SREG_VERIFY_OK(read);
        QVERIFY(*read == bytes);
        SREG_VERIFY_OK(store->remove(Sha256::of(bytes)));
    }

    void tokenIsRenewedWhenSwiftForgetsIt()
    {
        auto store = open();
        QVERIFY(store);
        SREG_VERIFY_OK(contract::storeBytes(*store, "before"));
        // tempauth keeps its tokens in memcached: emptying it revokes every token at once.
        QTcpSocket memcached;
        memcached.connectToHost(QStringLiteral("127.0.0.1"),
                                quint16(qEnvironmentVariableIntValue("SWIFT_MEMCACHED_PORT") ?: 21211));
        if (!memcached.waitForConnected(2000))
            QSKIP("the test server's memcached is not reachable (SWIFT_MEMCACHED_PORT)");
        memcached.write("flush_all\r\n");
        QVERIFY(memcached.waitForReadyRead(2000));
        QVERIFY(memcached.readAll().startsWith("OK"));
        // The next request gets 401, signs in again, and succeeds.
        auto digest = contract::storeBytes(*store, "after the flush");
        SREG_VERIFY_OK(digest);
        auto read = contract::readBlob(*store, *digest);
        SREG_VERIFY_OK(read);
        QCOMPARE(*read, QByteArray("after the flush"));
    }

    void cleanupRemovesAbandonedSegments()
    {
        auto store = open();
        QVERIFY(store);
        SwiftClient& swift = store->swift();
        const ObjectKeyLayout& layout = store->layout();
        // A writer killed after sending two segments: a marker without target, and the segments.
        const QString dead = ObjectKeyLayout::newWriterId();
        const QByteArray marker = SwiftSegmentedUpload::markerBody(dead, QString());
        SREG_VERIFY_OK(swift.putObject(layout.stagingKey(dead), marker.constData(), marker.size()));
        SREG_VERIFY_OK(swift.putObject(layout.segmentKey(dead, 1), "one", 3));
        SREG_VERIFY_OK(swift.putObject(layout.segmentKey(dead, 2), "two", 3));
        // A writer killed between its manifest and the marker's removal: committed, its segments must stay.
        const QString late = ObjectKeyLayout::newWriterId();
        const QString target = layout.blobKey(Sha256::of("abc"));
        SREG_VERIFY_OK(swift.putObject(layout.segmentKey(late, 1), "abc", 3));
        auto etag = swift.head(layout.segmentKey(late, 1));
        SREG_VERIFY_OK(etag);
        SREG_VERIFY_OK(swift.putManifest(target, { { layout.segmentKey(late, 1), etag->etag, 3 } }, false));
        const QByteArray lateMarker = SwiftSegmentedUpload::markerBody(late, target);
        SREG_VERIFY_OK(swift.putObject(layout.stagingKey(late), lateMarker.constData(), lateMarker.size()));

        SREG_VERIFY_OK(store->cleanupStale(std::chrono::hours(1))); // young: may be alive
        QCOMPARE(keysUnder(*store, layout.segmentPrefix(dead)).size(), 2);
        QThread::sleep(2);
        SREG_VERIFY_OK(store->cleanupStale(std::chrono::seconds(1)));
        QVERIFY(keysUnder(*store, layout.segmentPrefix(dead)).isEmpty());
        QVERIFY(keysUnder(*store, layout.stagingPrefix()).isEmpty());
        auto read = contract::readBlob(*store, Sha256::of("abc"));
        SREG_VERIFY_OK(read);
        QCOMPARE(*read, QByteArray("abc"));
        SREG_VERIFY_OK(store->remove(Sha256::of("abc")));
    }

    void missingContainerIsAClearError()
    {
        StorageConfig config = m_environment.config;
        config.container = ObjectStoreEnvironment::uniqueName(QStringLiteral("absent"));
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
        = ObjectStoreEnvironment::swift(ObjectStoreEnvironment::uniqueName(QStringLiteral("swift")));
    if (!environment)
        return ObjectStoreEnvironment::unavailable(
            QStringLiteral("SWIFT_AUTH_URL, SWIFT_USER and SWIFT_KEY are not set"));
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
    SwiftBlobStoreTest specific(*environment, dataDir.path());
    status |= QTest::qExec(&specific, argc, argv);
    if (Status removed = ObjectStoreEnvironment::destroy(*environment); !removed)
        qWarning().noquote() << "could not remove the test bucket:" << removed.error().message();
    return status;
}

#include "SwiftBlobStoreTest.moc"
