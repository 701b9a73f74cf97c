// The remote client against the built server: what the probe finds, browsing in the engine's records (our admin
// API, and the sregistry protocols on the same server), looking inside an image through Range requests without
// downloading it, and every way a connection is refused: wrong token, expired token, a private collection,
// an untrusted and a changed TLS certificate.

#include "RemoteTestServer.h"
#include "TestSupport.h"
#include "remote/AdminClient.h"
#include "remote/CertificatePolicy.h"
#include "remote/RemoteBlockSource.h"
#include "remote/RemoteHttp.h"
#include "remote/RemoteImageFile.h"
#include "remote/RemoteRegistry.h"
#include "sif/SifImage.h"

#include <QDir>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sreg;
using namespace sreg::test;

class RemoteClientTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void probeFindsOurServer();
    void browsesInEngineRecords();
    void readsImageMetadataThroughRanges();
    void browsesWithTheSregistryProtocols();
    void wrongTokenIsRefused();
    void expiredTokenIsRefused();
    void privateCollectionNeedsMembership();
    void untrustedAndChangedCertificates();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_server;
    QString m_digest;
};

void RemoteClientTest::initTestCase()
{
    m_server = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("a")));
    QVERIFY(!m_server->adminToken().isEmpty());
    m_digest = m_server->push(QStringLiteral("lab/tool:v1"), 3 << 20, 1);
    QVERIFY(!m_digest.isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/tool:v2"), 2 << 20, 2).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/other:latest"), 1 << 20, 3).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("public2/x:latest"), 1 << 20, 4).isEmpty());
    QVERIFY(m_server->process().cli({ QStringLiteral("collection"), QStringLiteral("create"), QStringLiteral("secret"),
                                      QStringLiteral("--private") })
                .exitCode
            == 0);
    QVERIFY(!m_server->push(QStringLiteral("secret/hidden:v1"), 1 << 20, 5).isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->process().lastError()));
}

void RemoteClientTest::probeFindsOurServer()
{
    auto admin = m_server->connect(m_server->adminToken());
    QVERIFY(admin);
    QCOMPARE(admin->info().kind, remote::RemoteInfo::Kind::OurServer);
    QVERIFY(admin->info().adminApi && admin->info().libraryApi && admin->info().nativeApi);
    QCOMPARE(admin->info().user, QStringLiteral("alice"));
    QVERIFY(admin->info().admin);
    QCOMPARE(admin->info().apiVersion, QStringLiteral("2.0.0-alpha.2"));
    QVERIFY(admin->info().summary().contains(QStringLiteral("signed in as alice (admin)")));

    auto anonymous = m_server->connect({});
    QVERIFY(anonymous);
    QVERIFY(anonymous->info().user.isEmpty());
    QVERIFY(!anonymous->info().authenticated());
}

void RemoteClientTest::browsesInEngineRecords()
{
    auto registry = m_server->connect(m_server->adminToken());
    QVERIFY(registry);
    Result<QList<CollectionRecord>> collections = registry->collections({});
    QVERIFY2(collections, qPrintable(collections ? QString() : collections.error().message()));
    QStringList names;
    for (const CollectionRecord& collection : *collections)
        names << collection.name;
    QCOMPARE(names, QStringList({ QStringLiteral("lab"), QStringLiteral("public2"), QStringLiteral("secret") }));
    QCOMPARE(collections->front().imageCount, 3);

    // Keyset paging, as the tree asks for it.
    CollectionQuery page;
    page.limit = 1;
    page.after = QStringLiteral("lab");
    Result<QList<CollectionRecord>> second = registry->collections(page);
    QVERIFY(second);
    QCOMPARE(second->size(), 1);
    QCOMPARE(second->front().name, QStringLiteral("public2"));

    Result<QList<ContainerRecord>> containers = registry->containers(QStringLiteral("lab"));
    QVERIFY(containers);
    QCOMPARE(containers->size(), 2);
    Result<QList<TagRecord>> tags = registry->allTags(QStringLiteral("lab"));
    QVERIFY(tags);
    QCOMPARE(tags->size(), 3);
    bool found = false;
    for (const TagRecord& tag : *tags) {
        if (tag.container == u"tool" && tag.name == u"v1") {
            found = true;
            QCOMPARE(tag.image.digest, m_digest);
            QVERIFY(tag.image.size > 0);
            QCOMPARE(tag.image.arch, QStringLiteral("amd64"));
        }
    }
    QVERIFY(found);

    Result<QList<TagHistoryRecord>> history
        = registry->admin().history(QStringLiteral("lab"), QStringLiteral("tool"), QStringLiteral("v1"), {});
    QVERIFY(history);
    QVERIFY(!history->isEmpty());
    SearchQuery search;
    search.text = QStringLiteral("tool");
    Result<SearchResults> results = registry->search(search);
    QVERIFY(results);
    QVERIFY(!results->images.isEmpty());
}

void RemoteClientTest::readsImageMetadataThroughRanges()
{
    auto registry = m_server->connect(m_server->adminToken());
    QVERIFY(registry);
    TagQuery query;
    query.container = QStringLiteral("tool");
    Result<QList<TagRecord>> tags = registry->tags(QStringLiteral("lab"), query);
    QVERIFY(tags && !tags->isEmpty());
    const ImageRecord image = tags->front().image;
    const qint64 downloadsBefore = image.downloads;

    auto blocks = std::dynamic_pointer_cast<remote::RemoteBlockSource>(registry->inspectImage(image));
    QVERIFY(blocks);
    Result<sif::SifImage> parsed = sif::SifImage::open(blocks);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message()));
    const QJsonObject metadata = parsed->toJson();
    QVERIFY(!metadata.isEmpty());
    QCOMPARE(parsed->header().arch, QStringLiteral("amd64"));
    QVERIFY(!parsed->metadata().deffile.isEmpty());
    // Header, descriptors and the small objects: a few round trips, a small share of the image.
    QVERIFY2(blocks->requestsMade() <= 8, qPrintable(QString::number(blocks->requestsMade())));

    Result<QJsonObject> viaRegistry = registry->imageMetadata(image);
    QVERIFY(viaRegistry);
    QCOMPARE(viaRegistry->value(QStringLiteral("header")), metadata.value(QStringLiteral("header")));

    // Looking inside is not a pull.
    Result<ImageRecord> after = registry->admin().image(image.id);
    QVERIFY(after);
    QCOMPARE(after->downloads, downloadsBefore);

    // A ranged read returns exactly the bytes asked for, wherever they are.
    remote::RemoteImageFile file(registry->sharedHttp(), remote::AdminClient::filePath(image.id), image.size);
    QByteArray middle;
    QVERIFY(file.read(100000, 70000, [&middle](const char* data, qint64 size) {
        middle.append(data, size);
        return true;
    }));
    QCOMPARE(middle.size(), 70000);
    QByteArray viaBlocks(70000, '\0');
    Result<qint64> read = blocks->readAt(100000, viaBlocks.data(), 70000);
    QVERIFY(read && *read == 70000);
    QCOMPARE(viaBlocks, middle);
}

void RemoteClientTest::browsesWithTheSregistryProtocols()
{
    // Our server also speaks sregistry's native API and the library API: a client that knows only those (as
    // against a real sregistry) sees the same public collections, tags and digests.
    auto http = std::make_shared<remote::RemoteHttp>(m_server->connection());
    remote::RemoteInfo info;
    info.kind = remote::RemoteInfo::Kind::Sregistry;
    info.nativeApi = info.libraryApi = true;
    info.apiVersion = QStringLiteral("2.0.0-alpha.2");
    remote::RemoteRegistry sregistry(http, info);
    Result<QList<CollectionRecord>> collections = sregistry.collections({});
    QVERIFY2(collections, qPrintable(collections ? QString() : collections.error().message()));
    QStringList names;
    for (const CollectionRecord& collection : *collections)
        names << collection.name;
    QCOMPARE(names, QStringList({ QStringLiteral("lab"), QStringLiteral("public2") })); // private ones unlisted
    Result<QList<TagRecord>> tags = sregistry.allTags(QStringLiteral("lab"));
    QVERIFY(tags);
    QCOMPARE(tags->size(), 3);
    for (const TagRecord& tag : *tags) {
        if (tag.container == u"tool" && tag.name == u"v1") {
            QCOMPARE(tag.image.digest, m_digest);
            Result<QJsonObject> metadata = sregistry.imageMetadata(tag.image);
            QVERIFY2(metadata, qPrintable(metadata ? QString() : metadata.error().message()));
        }
    }
    // Paging by name over sregistry's offsets.
    CollectionQuery page;
    page.limit = 1;
    Result<QList<CollectionRecord>> first = sregistry.collections(page);
    QVERIFY(first && first->size() == 1);
    page.after = first->front().name;
    Result<QList<CollectionRecord>> second = sregistry.collections(page);
    QVERIFY(second && second->size() == 1);
    QCOMPARE(second->front().name, QStringLiteral("public2"));
}

void RemoteClientTest::wrongTokenIsRefused()
{
    Result<std::shared_ptr<remote::RemoteRegistry>> refused
        = remote::RemoteRegistry::connect(m_server->connection(QStringLiteral("sreg_not_a_real_token")));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Unauthenticated);
    QVERIFY2(refused.error().message().contains(QStringLiteral("refused the token")),
             qPrintable(refused.error().message()));
}

void RemoteClientTest::expiredTokenIsRefused()
{
    // 0.00003 days: about 2.6 seconds.
    const QString token = m_server->process().createToken(QStringLiteral("alice"), QStringLiteral("brief"),
                                                          QStringLiteral("read"),
                                                          { QStringLiteral("--expires"), QStringLiteral("0.00003") });
    QVERIFY(!token.isEmpty());
    QVERIFY(m_server->connect(token));
    QThread::msleep(3200);
    Result<std::shared_ptr<remote::RemoteRegistry>> refused
        = remote::RemoteRegistry::connect(m_server->connection(token));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code(), ErrorCode::Unauthenticated);
    QVERIFY2(refused.error().message().contains(QStringLiteral("expired")), qPrintable(refused.error().message()));
}

void RemoteClientTest::privateCollectionNeedsMembership()
{
    const QString bob = m_server->process().addUserWithToken(QStringLiteral("bob"), QStringLiteral("read"));
    QVERIFY(!bob.isEmpty());
    auto asBob = m_server->connect(bob);
    QVERIFY(asBob);
    Result<QList<CollectionRecord>> visible = asBob->collections({});
    QVERIFY(visible);
    for (const CollectionRecord& collection : *visible)
        QVERIFY(collection.name != u"secret");
    Result<QList<TagRecord>> hidden = asBob->allTags(QStringLiteral("secret"));
    QVERIFY(!hidden);
    QCOMPARE(hidden.error().code(), ErrorCode::NotFound);
    // Not an admin: the admin pages' calls are refused, not empty.
    Result<StorageUsage> storage = asBob->admin().storage();
    QVERIFY(!storage);
    QCOMPARE(storage.error().code(), ErrorCode::PermissionDenied);

    auto admin = m_server->connect(m_server->adminToken());
    QVERIFY(admin->admin().setMember(QStringLiteral("secret"), QStringLiteral("bob"), false,
                                     QStringLiteral("contributor")));
    Result<QList<TagRecord>> shown = asBob->allTags(QStringLiteral("secret"));
    QVERIFY2(shown, qPrintable(shown ? QString() : shown.error().message()));
    QCOMPARE(shown->size(), 1);
}

void RemoteClientTest::untrustedAndChangedCertificates()
{
    RemoteTestServer tls(m_dir.filePath(QStringLiteral("tls")));
    QVERIFY(!tls.push(QStringLiteral("lab/tool:v1"), 1 << 20, 7).isEmpty());
    QVERIFY2(tls.start({ QStringLiteral("--tls-self-signed") }), qPrintable(tls.process().lastError()));
    const QString fingerprint = tls.fingerprint();
    QVERIFY(!fingerprint.isEmpty());

    // Unknown: refused, with the fingerprint to show the user.
    remote::RemoteHttp probe(tls.connection(tls.adminToken()));
    Result<std::shared_ptr<remote::RemoteRegistry>> untrusted = remote::RemoteRegistry::connect(tls.connection(tls.adminToken()));
    QVERIFY(!untrusted);
    QCOMPARE(untrusted.error().code(), ErrorCode::Unauthenticated);
    QVERIFY2(untrusted.error().message().contains(fingerprint), qPrintable(untrusted.error().message()));
    remote::RemoteRequest request;
    request.target = QStringLiteral("/version");
    QVERIFY(!probe.send(request));
    QCOMPARE(probe.certificate().verdict, remote::CertificatePolicy::Verdict::Untrusted);
    QCOMPARE(probe.certificate().fingerprint, fingerprint);

    // Trusted on the user's word (any spelling of the fingerprint).
    auto pinned = tls.connect(tls.adminToken(), fingerprint.toLower().remove(u':'));
    QVERIFY(pinned);
    QCOMPARE(pinned->http().certificate().verdict, remote::CertificatePolicy::Verdict::Pinned);
    QVERIFY(pinned->allTags(QStringLiteral("lab")));

    // The server gets another certificate: refused loudly, naming both.
    tls.stop();
    QVERIFY(QDir(tls.dataDir() + QStringLiteral("/tls")).removeRecursively());
    QVERIFY(tls.start({ QStringLiteral("--tls-self-signed") }));
    QVERIFY(tls.fingerprint() != fingerprint);
    Result<std::shared_ptr<remote::RemoteRegistry>> changed
        = remote::RemoteRegistry::connect(tls.connection(tls.adminToken(), fingerprint));
    QVERIFY(!changed);
    QVERIFY2(changed.error().message().contains(QStringLiteral("CHANGED")), qPrintable(changed.error().message()));
    QVERIFY(changed.error().message().contains(tls.fingerprint()));
    // A connection made before the change refuses its next request too.
    Result<QList<TagRecord>> after = pinned->allTags(QStringLiteral("lab"));
    QVERIFY(!after);
    QCOMPARE(pinned->http().certificate().verdict, remote::CertificatePolicy::Verdict::Changed);
}

QTEST_GUILESS_MAIN(RemoteClientTest)
#include "RemoteClientTest.moc"
