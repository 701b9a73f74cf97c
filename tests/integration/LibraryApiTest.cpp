// The library API of the built server, endpoint by endpoint, with the failures a client can cause: bad, expired
// and revoked tokens, private collections, frozen tags, hash mismatches, non-SIF uploads, invalid names and
// bodies. (Multipart uploads: LibraryMultipartTest; limits and lifecycle: ServerSafetyTest.)

#include "HttpClient.h"
#include "IntegrationHelpers.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sreg::test;

class LibraryApiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void versionAndConfig();
    void tokenStatus();
    void entitiesCollectionsContainers();
    void pushThroughTheUploadUrl();
    void tagsV1AndV2();
    void downloadsWithRangesAndEtags();
    void frozenTagsAreRefused();
    void uploadFailuresLeaveNothing();
    void permissions();
    void privateCollectionsAre404();
    void searchDeleteAndOciRedirect();
    void malformedRequests();

private:
    QString digestOf(const QString& file) const { return QStringLiteral("sha256.") + sha256OfFile(file); }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_alice; // push
    QString m_aliceRead; // read scope
    QString m_bob;
    QString m_fixture;
    QString m_imageId; // the fixture, pushed to tools/lolcow
};

void LibraryApiTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    m_alice = m_server->addUserWithToken(QStringLiteral("alice"));
    m_aliceRead = m_server->createToken(QStringLiteral("alice"), QStringLiteral("ro"), QStringLiteral("read"));
    m_bob = m_server->addUserWithToken(QStringLiteral("bob"));
    QVERIFY(!m_alice.isEmpty() && !m_aliceRead.isEmpty() && !m_bob.isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_fixture = fixture(QStringLiteral("singularity-like.sif"));
}

void LibraryApiTest::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void LibraryApiTest::versionAndConfig()
{
    const HttpClient anonymous(m_server->baseUrl());
    const HttpClient::Reply version = anonymous.get(QStringLiteral("/version"));
    QCOMPARE(version.status, 200);
    QCOMPARE(version.data().toObject().value(QStringLiteral("apiVersion")).toString(), QStringLiteral("2.0.0-alpha.2"));
    const HttpClient::Reply config = anonymous.get(QStringLiteral("/assets/config/config.prod.json"));
    QCOMPARE(config.status, 200);
    const QJsonObject object = config.json();
    for (auto it = object.begin(); it != object.end(); ++it)
        QVERIFY2(it.value().isObject(), qPrintable(it.key())); // Apptainer decodes map[string]map[string]any
    QCOMPARE(object.value(QStringLiteral("libraryAPI")).toObject().value(QStringLiteral("uri")).toString(),
             m_server->baseUrl());
    QCOMPARE(object.value(QStringLiteral("tokenAPI")).toObject().value(QStringLiteral("uri")).toString(),
             m_server->baseUrl());
}

void LibraryApiTest::tokenStatus()
{
    QCOMPARE(HttpClient(m_server->baseUrl(), m_alice).get(QStringLiteral("/v1/token-status")).status, 200);
    HttpClient::Reply bad
        = HttpClient(m_server->baseUrl(), QStringLiteral("sreg_nope")).get(QStringLiteral("/v1/token-status"));
    QCOMPARE(bad.status, 401);
    QCOMPARE(bad.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 401);
    QCOMPARE(HttpClient(m_server->baseUrl()).get(QStringLiteral("/v1/token-status")).status, 401);

    const QString expiring
        = m_server->createToken(QStringLiteral("alice"), QStringLiteral("short"), QStringLiteral("push"),
                                { QStringLiteral("--expires"), QStringLiteral("0.00001") }); // under a second
    QVERIFY(!expiring.isEmpty());
    QThread::msleep(1500);
    HttpClient::Reply expired = HttpClient(m_server->baseUrl(), expiring).get(QStringLiteral("/v1/token-status"));
    QCOMPARE(expired.status, 401);
    QVERIFY2(expired.errorMessage().contains(QStringLiteral("expired")), qPrintable(expired.errorMessage()));

    const QString revoked
        = m_server->createToken(QStringLiteral("alice"), QStringLiteral("gone"), QStringLiteral("push"));
    QCOMPARE(HttpClient(m_server->baseUrl(), revoked).get(QStringLiteral("/v1/token-status")).status, 200);
    const qint64 id = IntegrationHelpers::tokenId(*m_server, QStringLiteral("alice"), QStringLiteral("gone"));
    QVERIFY(id > 0);
    QCOMPARE(m_server->cli({ QStringLiteral("token"), QStringLiteral("revoke"), QString::number(id) }).exitCode, 0);
    HttpClient::Reply afterRevoke = HttpClient(m_server->baseUrl(), revoked).get(QStringLiteral("/v1/token-status"));
    QCOMPARE(afterRevoke.status, 401);
    QVERIFY2(afterRevoke.errorMessage().contains(QStringLiteral("revoked")), qPrintable(afterRevoke.errorMessage()));
}

void LibraryApiTest::entitiesCollectionsContainers()
{
    const HttpClient alice(m_server->baseUrl(), m_alice);
    QCOMPARE(alice.get(QStringLiteral("/v1/entities/alice")).data().toObject().value(QStringLiteral("id")).toString(),
             QStringLiteral("alice"));
    QCOMPARE(alice.get(QStringLiteral("/v1/entities/nobody")).status, 404);
    QCOMPARE(
        alice.postJson(QStringLiteral("/v1/entities"), { { QStringLiteral("name"), QStringLiteral("nobody") } }).status,
        200);
    QCOMPARE(HttpClient(m_server->baseUrl())
                 .postJson(QStringLiteral("/v1/entities"), { { QStringLiteral("name"), QStringLiteral("x") } })
                 .status,
             401);

    QCOMPARE(alice.get(QStringLiteral("/v1/collections/alice/tools")).status, 404);
    HttpClient::Reply created = alice.postJson(QStringLiteral("/v1/collections"),
                                               { { QStringLiteral("name"), QStringLiteral("tools") },
                                                 { QStringLiteral("entity"), QStringLiteral("alice") },
                                                 { QStringLiteral("description"), QStringLiteral("No description") },
                                                 { QStringLiteral("private"), false } });
    QCOMPARE(created.status, 200);
    QCOMPARE(created.data().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("tools"));
    QCOMPARE(alice.get(QStringLiteral("/v1/collections/alice/tools")).status, 200);
    HttpClient::Reply again
        = alice.postJson(QStringLiteral("/v1/collections"), { { QStringLiteral("name"), QStringLiteral("tools") } });
    QCOMPARE(again.status, 409);
    HttpClient::Reply invalid
        = alice.postJson(QStringLiteral("/v1/collections"), { { QStringLiteral("name"), QStringLiteral("Bad Name") } });
    QCOMPARE(invalid.status, 400);
    QCOMPARE(invalid.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("invalid-name"));

    QCOMPARE(alice.get(QStringLiteral("/v1/containers/alice/tools/lolcow")).status, 404);
    HttpClient::Reply container = alice.postJson(QStringLiteral("/v1/containers"),
                                                 { { QStringLiteral("name"), QStringLiteral("lolcow") },
                                                   { QStringLiteral("collection"), QStringLiteral("tools") } });
    QCOMPARE(container.status, 200);
    QCOMPARE(container.data().toObject().value(QStringLiteral("id")).toString(), QStringLiteral("tools~lolcow"));
    QCOMPARE(alice.get(QStringLiteral("/v1/containers/alice/tools/lolcow")).status, 200);
}

void LibraryApiTest::pushThroughTheUploadUrl()
{
    const HttpClient alice(m_server->baseUrl(), m_alice);
    const QString digest = digestOf(m_fixture);
    const QString lookup = QStringLiteral("/v1/images/alice/tools/lolcow:") + digest + QStringLiteral("?arch=amd64");
    QCOMPARE(alice.get(lookup).status, 404); // push's hash lookup must miss before the image exists
    m_imageId = IntegrationHelpers::announce(alice, QStringLiteral("tools"), QStringLiteral("lolcow"), digest);
    QVERIFY(!m_imageId.isEmpty());
    QCOMPARE(alice.get(lookup).data().toObject().value(QStringLiteral("uploaded")).toBool(), false);

    HttpClient::Reply url = alice.postJson(QStringLiteral("/v2/imagefile/") + m_imageId,
                                           { { QStringLiteral("filesize"), QFileInfo(m_fixture).size() },
                                             { QStringLiteral("sha256sum"), sha256OfFile(m_fixture) },
                                             { QStringLiteral("md5sum"), QStringLiteral("x") } });
    QCOMPARE(url.status, 200);
    const QString uploadUrl = url.data().toObject().value(QStringLiteral("uploadURL")).toString();
    QVERIFY(uploadUrl.startsWith(m_server->baseUrl() + QStringLiteral("/capability/")));
    // The _complete before the bytes is refused.
    QCOMPARE(alice.putJson(QStringLiteral("/v2/imagefile/%1/_complete").arg(m_imageId), {}).status, 400);
    QCOMPARE(HttpClient(QString()).putFile(uploadUrl, m_fixture).status, 200); // no Authorization
    QCOMPARE(alice.putJson(QStringLiteral("/v2/imagefile/%1/_complete").arg(m_imageId), {}).status, 200);
    QCOMPARE(HttpClient(QString()).putFile(uploadUrl, m_fixture).status, 403); // used up

    HttpClient::Reply found = alice.get(lookup);
    QCOMPARE(found.data().toObject().value(QStringLiteral("uploaded")).toBool(), true);
    QCOMPARE(found.data().toObject().value(QStringLiteral("size")).toInteger(), QFileInfo(m_fixture).size());
    // Announcing the same bytes again gives the same image, already uploaded (clients skip the upload).
    HttpClient::Reply again = alice.postJson(
        QStringLiteral("/v1/images"),
        { { QStringLiteral("hash"), digest }, { QStringLiteral("container"), QStringLiteral("tools~lolcow") } });
    QCOMPARE(again.data().toObject().value(QStringLiteral("id")).toString(), m_imageId);
    QCOMPARE(again.data().toObject().value(QStringLiteral("uploaded")).toBool(), true);

    // The legacy v1 upload (raw body with Authorization) fills an image too.
    const QString other = m_dir.filePath(QStringLiteral("legacy.sif"));
    QVERIFY(makeSif(other, 64 << 10, 3));
    const QString otherId
        = IntegrationHelpers::announce(alice, QStringLiteral("tools"), QStringLiteral("legacy"), digestOf(other));
    QCOMPARE(alice.post(QStringLiteral("/v1/imagefile/") + otherId, readFile(other)).status, 200);
    QCOMPARE(alice.get(QStringLiteral("/v1/images/tools/legacy:") + digestOf(other))
                 .data()
                 .toObject()
                 .value(QStringLiteral("uploaded"))
                 .toBool(),
             true);
}

void LibraryApiTest::tagsV1AndV2()
{
    const HttpClient alice(m_server->baseUrl(), m_alice);
    QCOMPARE(alice.get(QStringLiteral("/v2/tags/tools~lolcow")).data().toObject(), QJsonObject());
    QCOMPARE(alice
                 .postJson(QStringLiteral("/v2/tags/tools~lolcow"),
                           { { QStringLiteral("Arch"), QStringLiteral("amd64") },
                             { QStringLiteral("Tag"), QStringLiteral("latest") },
                             { QStringLiteral("ImageID"), m_imageId } })
                 .status,
             200);
    QCOMPARE(
        alice
            .postJson(QStringLiteral("/v1/tags/tools~lolcow"),
                      { { QStringLiteral("tag"), QStringLiteral("v1") }, { QStringLiteral("imageID"), m_imageId } })
            .status,
        200);
    const QJsonObject v1 = alice.get(QStringLiteral("/v1/tags/tools~lolcow")).data().toObject();
    QCOMPARE(v1.value(QStringLiteral("latest")).toString(), m_imageId);
    QCOMPARE(v1.value(QStringLiteral("v1")).toString(), m_imageId);
    const QJsonObject v2 = alice.get(QStringLiteral("/v2/tags/tools~lolcow")).data().toObject();
    QCOMPARE(v2.value(QStringLiteral("amd64")).toObject().value(QStringLiteral("latest")).toString(), m_imageId);

    // Scoped to the container of the URL.
    HttpClient::Reply elsewhere
        = alice.postJson(QStringLiteral("/v1/tags/tools~legacy"),
                         { { QStringLiteral("Tag"), QStringLiteral("x") }, { QStringLiteral("ImageID"), m_imageId } });
    QCOMPARE(elsewhere.status, 400);
    QCOMPARE(alice
                 .postJson(QStringLiteral("/v1/tags/tools~lolcow"),
                           { { QStringLiteral("Tag"), QStringLiteral("Not Valid") },
                             { QStringLiteral("ImageID"), m_imageId } })
                 .status,
             400);
    QCOMPARE(alice.get(QStringLiteral("/v1/tags/nonsense")).status, 404);

    const QJsonObject image = HttpClient(m_server->baseUrl())
                                  .get(QStringLiteral("/v1/images/alice/tools/lolcow:v1?arch=amd64"))
                                  .data()
                                  .toObject();
    QCOMPARE(image.value(QStringLiteral("hash")).toString(), digestOf(m_fixture));
    QCOMPARE(image.value(QStringLiteral("id")).toString(), m_imageId);
}

void LibraryApiTest::downloadsWithRangesAndEtags()
{
    const HttpClient anonymous(m_server->baseUrl());
    const QByteArray bytes = readFile(m_fixture);
    const QString path = QStringLiteral("/v1/imagefile/alice/tools/lolcow:latest?arch=amd64");
    HttpClient::Reply whole = anonymous.get(path);
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.body, bytes);
    QCOMPARE(whole.header("Content-Length").toLongLong(), bytes.size());
    const QString etag = whole.header("ETag");
    QCOMPARE(etag, u'"' + digestOf(m_fixture) + u'"');

    HttpClient::Reply head = anonymous.head(path);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("Content-Length").toLongLong(), bytes.size());

    HttpClient::Reply first = anonymous.get(path, { { "Range", "bytes=0-1023" } });
    QCOMPARE(first.status, 206);
    QCOMPARE(first.body, bytes.left(1024));
    QCOMPARE(first.header("Content-Range"), QStringLiteral("bytes 0-1023/%1").arg(bytes.size()));
    HttpClient::Reply tail = anonymous.get(path, { { "Range", "bytes=-100" } });
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, bytes.right(100));
    HttpClient::Reply beyond = anonymous.get(path, { { "Range", "bytes=99999999-" } });
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), QStringLiteral("bytes */%1").arg(bytes.size()));
    HttpClient::Reply several = anonymous.get(path, { { "Range", "bytes=0-1,4-5" } });
    QCOMPARE(several.status, 200);
    QCOMPARE(several.body, bytes);
    QCOMPARE(anonymous.get(path, { { "If-None-Match", etag.toUtf8() } }).status, 304);
    HttpClient::Reply staleRange = anonymous.get(path, { { "Range", "bytes=0-9" }, { "If-Range", "\"other\"" } });
    QCOMPARE(staleRange.status, 200);

    QCOMPARE(anonymous.get(QStringLiteral("/v1/imagefile/alice/tools/lolcow:") + digestOf(m_fixture)).body, bytes);
    QCOMPARE(anonymous.get(QStringLiteral("/v1/imagefile/alice/tools/lolcow:nosuchtag")).status, 404);
}

void LibraryApiTest::frozenTagsAreRefused()
{
    QCOMPARE(m_server->cli({ QStringLiteral("freeze"), QStringLiteral("tools/lolcow:v1") }).exitCode, 0);
    const HttpClient alice(m_server->baseUrl(), m_alice);
    const QString other = m_dir.filePath(QStringLiteral("frozen-other.sif"));
    QVERIFY(makeSif(other, 64 << 10, 4));
    const QString otherId
        = IntegrationHelpers::announce(alice, QStringLiteral("tools"), QStringLiteral("lolcow"), digestOf(other));
    QCOMPARE(IntegrationHelpers::uploadSingle(alice, otherId, other).status, 200);
    HttpClient::Reply moved
        = alice.postJson(QStringLiteral("/v1/tags/tools~lolcow"),
                         { { QStringLiteral("Tag"), QStringLiteral("v1") }, { QStringLiteral("ImageID"), otherId } });
    QCOMPARE(moved.status, 409);
    QCOMPARE(moved.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("frozen"));
    QVERIFY(!moved.errorMessage().isEmpty());
    HttpClient::Reply deleted = alice.del(QStringLiteral("/v1/images/alice/tools/lolcow:v1?arch=amd64"));
    QCOMPARE(deleted.status, 409);
    QCOMPARE(alice.get(QStringLiteral("/v1/images/tools/lolcow:v1"))
                 .data()
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             m_imageId);
}

void LibraryApiTest::uploadFailuresLeaveNothing()
{
    const HttpClient alice(m_server->baseUrl(), m_alice);
    const QString dataDir = m_server->dataDir();

    // Bytes that do not hash to the announced digest.
    const QString announced = m_dir.filePath(QStringLiteral("announced.sif"));
    const QString sent = m_dir.filePath(QStringLiteral("sent.sif"));
    QVERIFY(makeSif(announced, 64 << 10, 5));
    QVERIFY(makeSif(sent, 64 << 10, 6));
    const QString id
        = IntegrationHelpers::announce(alice, QStringLiteral("tools"), QStringLiteral("mismatch"), digestOf(announced));
    QVERIFY(!id.isEmpty());
    const QStringList before = IntegrationHelpers::storedFiles(dataDir);
    HttpClient::Reply mismatch = IntegrationHelpers::uploadSingle(alice, id, sent);
    QCOMPARE(mismatch.status, 400);
    QCOMPARE(mismatch.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("digest-mismatch"));
    QCOMPARE(IntegrationHelpers::storedFiles(dataDir), before);
    QCOMPARE(alice.get(QStringLiteral("/v1/images/tools/mismatch:") + digestOf(announced))
                 .data()
                 .toObject()
                 .value(QStringLiteral("uploaded"))
                 .toBool(),
             false);

    // A sha256sum that is not the announced hash is refused before any byte moves.
    HttpClient::Reply early = alice.postJson(
        QStringLiteral("/v2/imagefile/") + id,
        { { QStringLiteral("filesize"), 65536 }, { QStringLiteral("sha256sum"), sha256OfFile(sent) } });
    QCOMPARE(early.status, 400);

    // Bytes that are not a SIF at all.
    const QString text = m_dir.filePath(QStringLiteral("not-a-sif.txt"));
    QVERIFY(writeFile(text, QByteArray(100000, 'x')));
    const QString textId
        = IntegrationHelpers::announce(alice, QStringLiteral("tools"), QStringLiteral("text"), digestOf(text));
    HttpClient::Reply notSif = IntegrationHelpers::uploadSingle(alice, textId, text);
    QCOMPARE(notSif.status, 415);
    QCOMPARE(notSif.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("not-sif"));
    QCOMPARE(IntegrationHelpers::storedFiles(dataDir), before);

    // An upload URL nobody issued.
    HttpClient::Reply forged = HttpClient(QString()).putFile(
        m_server->baseUrl() + QStringLiteral("/capability/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), sent);
    QCOMPARE(forged.status, 403);
}

void LibraryApiTest::permissions()
{
    const HttpClient anonymous(m_server->baseUrl());
    const HttpClient bob(m_server->baseUrl(), m_bob);
    const HttpClient reader(m_server->baseUrl(), m_aliceRead);
    QCOMPARE(anonymous
                 .postJson(QStringLiteral("/v1/images"),
                           { { QStringLiteral("hash"), digestOf(m_fixture) },
                             { QStringLiteral("container"), QStringLiteral("tools~lolcow") } })
                 .status,
             401);
    HttpClient::Reply bobs = bob.postJson(QStringLiteral("/v1/images"),
                                          { { QStringLiteral("hash"), digestOf(m_fixture) },
                                            { QStringLiteral("container"), QStringLiteral("tools~other") } });
    QCOMPARE(bobs.status, 403);
    QCOMPARE(bob.postJson(QStringLiteral("/v2/imagefile/") + m_imageId, { { QStringLiteral("filesize"), 10 } }).status,
             403);
    HttpClient::Reply readOnly
        = reader.postJson(QStringLiteral("/v1/collections"), { { QStringLiteral("name"), QStringLiteral("ro-made") } });
    QCOMPARE(readOnly.status, 403);
    QCOMPARE(reader.get(QStringLiteral("/v1/images/tools/lolcow:latest")).status, 200);
}

void LibraryApiTest::privateCollectionsAre404()
{
    QCOMPARE(m_server
                 ->cli({ QStringLiteral("collection"), QStringLiteral("create"), QStringLiteral("hidden"),
                         QStringLiteral("--private") })
                 .exitCode,
             0);
    QCOMPARE(m_server
                 ->cli({ QStringLiteral("collection"), QStringLiteral("add-member"), QStringLiteral("hidden"),
                         QStringLiteral("alice"), QStringLiteral("--role"), QStringLiteral("owner") })
                 .exitCode,
             0);
    const HttpClient alice(m_server->baseUrl(), m_alice);
    const QString id
        = IntegrationHelpers::announce(alice, QStringLiteral("hidden"), QStringLiteral("thing"), digestOf(m_fixture));
    QVERIFY(!id.isEmpty());
    // The store has these bytes already (tools/lolcow): the image is born uploaded, and the client skips the PUT.
    QCOMPARE(alice.get(QStringLiteral("/v1/images/hidden/thing:") + digestOf(m_fixture))
                 .data()
                 .toObject()
                 .value(QStringLiteral("uploaded"))
                 .toBool(),
             true);
    QCOMPARE(IntegrationHelpers::uploadSingle(alice, id, m_fixture).status, 409);
    QCOMPARE(alice
                 .postJson(QStringLiteral("/v1/tags/hidden~thing"),
                           { { QStringLiteral("Tag"), QStringLiteral("latest") }, { QStringLiteral("ImageID"), id } })
                 .status,
             200);
    for (const QString& token : { QString(), m_bob }) {
        const HttpClient other(m_server->baseUrl(), token);
        QCOMPARE(other.get(QStringLiteral("/v1/collections/alice/hidden")).status, 404);
        QCOMPARE(other.get(QStringLiteral("/v1/containers/alice/hidden/thing")).status, 404);
        QCOMPARE(other.get(QStringLiteral("/v1/images/alice/hidden/thing:latest")).status, 404);
        QCOMPARE(other.get(QStringLiteral("/v1/imagefile/alice/hidden/thing:latest")).status, 404);
        QCOMPARE(other.get(QStringLiteral("/v1/tags/hidden~thing")).status, 404);
        const QJsonObject found = other.get(QStringLiteral("/v1/search?value=thing")).data().toObject();
        QVERIFY(found.value(QStringLiteral("image")).toArray().isEmpty());
    }
    QCOMPARE(alice.get(QStringLiteral("/v1/imagefile/alice/hidden/thing:latest")).body, readFile(m_fixture));
    QCOMPARE(alice.get(QStringLiteral("/v1/collections/alice/hidden"))
                 .data()
                 .toObject()
                 .value(QStringLiteral("private"))
                 .toBool(),
             true);
}

void LibraryApiTest::searchDeleteAndOciRedirect()
{
    const HttpClient anonymous(m_server->baseUrl());
    HttpClient::Reply found = anonymous.get(QStringLiteral("/v1/search?arch=amd64&value=lolcow"));
    QCOMPARE(found.status, 200);
    const QJsonArray images = found.data().toObject().value(QStringLiteral("image")).toArray();
    QVERIFY(!images.isEmpty());
    bool tagged = false;
    for (const QJsonValue& image : images) {
        QCOMPARE(image.toObject().value(QStringLiteral("containerName")).toString(), QStringLiteral("lolcow"));
        tagged = tagged || image.toObject().value(QStringLiteral("tags")).toArray().contains(QStringLiteral("latest"));
    }
    QVERIFY(tagged); // Apptainer prints library://entity/collection/container:tags from these fields
    HttpClient::Reply nothing = anonymous.get(QStringLiteral("/v1/search?value=zzzzzz"));
    QCOMPARE(nothing.status, 200);
    QVERIFY(nothing.data().toObject().value(QStringLiteral("image")).toArray().isEmpty());
    QCOMPARE(anonymous.get(QStringLiteral("/v1/search")).status, 400);

    QCOMPARE(anonymous.del(QStringLiteral("/v1/images/alice/tools/lolcow:latest?arch=amd64")).status, 401);
    QCOMPARE(HttpClient(m_server->baseUrl(), m_bob)
                 .del(QStringLiteral("/v1/images/alice/tools/lolcow:latest?arch=amd64"))
                 .status,
             403);
    QCOMPARE(HttpClient(m_server->baseUrl(), m_alice)
                 .del(QStringLiteral("/v1/images/alice/tools/lolcow:latest?arch=amd64"))
                 .status,
             200);
    QCOMPARE(anonymous.get(QStringLiteral("/v1/images/alice/tools/lolcow:latest")).status, 404);

    HttpClient::Reply oci = anonymous.get(QStringLiteral("/v1/oci-redirect?namespace=a/b/c&accessTypes=pull"));
    QCOMPARE(oci.status, 404);
    QVERIFY(!oci.errorMessage().isEmpty());
}

void LibraryApiTest::malformedRequests()
{
    const HttpClient alice(m_server->baseUrl(), m_alice);
    HttpClient::Reply notJson = alice.post(QStringLiteral("/v1/collections"), "{not json");
    QCOMPARE(notJson.status, 400);
    QVERIFY(notJson.errorMessage().contains(QStringLiteral("JSON")));
    HttpClient::Reply huge = alice.post(QStringLiteral("/v1/collections"), QByteArray(2 << 20, ' '));
    QCOMPARE(huge.status, 413);
    HttpClient::Reply unknown = alice.get(QStringLiteral("/v1/nothing-here"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 404);
    QCOMPARE(alice.get(QStringLiteral("/v1/images/../../etc/passwd")).status, 400);
    QCOMPARE(alice.get(QStringLiteral("/v1/images/a/b/c:sha256.zz")).status, 400);
    QCOMPARE(alice
                 .postJson(QStringLiteral("/v1/images"),
                           { { QStringLiteral("hash"), QStringLiteral("md5.x") },
                             { QStringLiteral("container"), QStringLiteral("tools~lolcow") } })
                 .status,
             400);
    QCOMPARE(alice.postJson(QStringLiteral("/v2/imagefile/999999"), { { QStringLiteral("filesize"), 1 } }).status, 404);
}

QTEST_GUILESS_MAIN(LibraryApiTest)
#include "LibraryApiTest.moc"
