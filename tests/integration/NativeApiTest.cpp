// The sregistry native API of the built server with sregistry-cli's signing (NativeClient), endpoint by endpoint,
// and the failures: missing, wrong, stale and misdirected signatures, private collections (403 unsigned),
// frozen and foreign deletes, malformed forms, non-SIF uploads.

#include "IntegrationHelpers.h"
#include "NativeClient.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg::test;

class NativeApiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pushWithChunkedUploadAndForm();
    void pushFailures();
    void pullPublic();
    void pullPrivateNeedsASignature();
    void signaturesAreChecked();
    void listingsAndSearches();
    void labelsAndIdentity();
    void deletes();

private:
    NativeClient as(const QString& user) const
    {
        return NativeClient(m_server->baseUrl(), user, user == u"dave" ? m_dave : m_erin);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_dave;
    QString m_erin;
    QString m_fixture;
};

void NativeApiTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    m_dave = m_server->addUserWithToken(QStringLiteral("dave"));
    m_erin = m_server->addUserWithToken(QStringLiteral("erin"));
    QVERIFY(!m_dave.isEmpty() && !m_erin.isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_fixture = fixture(QStringLiteral("singularity-like.sif"));
}

void NativeApiTest::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void NativeApiTest::pushWithChunkedUploadAndForm()
{
    const NativeClient dave = as(QStringLiteral("dave"));
    const NativeClient::Reply created
        = dave.chunkedUpload(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("v1"));
    QCOMPARE(created.status, 200);
    QCOMPARE(created.json().object().value(QStringLiteral("cid")).toString(), QStringLiteral("lab"));
    const NativeClient::Reply uploaded = dave.upload(m_fixture, QStringLiteral("lab"), QStringLiteral("lab"),
                                                     QStringLiteral("cow"), QStringLiteral("v1"));
    QCOMPARE(uploaded.status, 200);
    QCOMPARE(uploaded.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("Upload Complete"));
    QCOMPARE(dave.push(m_fixture, QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("latest")).status, 200);
}

void NativeApiTest::pushFailures()
{
    const NativeClient dave = as(QStringLiteral("dave"));
    const NativeClient anonymous(m_server->baseUrl());
    const QByteArray fields = R"({"collection":"lab","name":"cow","tag":"x"})";
    QCOMPARE(
        anonymous
            .post(QStringLiteral("/api/upload/chunked_upload"), fields, QStringLiteral("application/json"), QString())
            .status,
        403);
    // Someone else's collection.
    QCOMPARE(as(QStringLiteral("erin"))
                 .chunkedUpload(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("x"))
                 .status,
             403);
    QCOMPARE(dave.chunkedUpload(QStringLiteral("Bad Name"), QStringLiteral("cow"), QStringLiteral("x")).status, 400);

    const QStringList before = IntegrationHelpers::storedFiles(m_server->dataDir());
    // The signature names another tag than the form carries.
    const QString wrongSignature = dave.authorization(QStringLiteral("upload"), QStringLiteral("lab"),
                                                      QStringLiteral("cow"), QStringLiteral("other"));
    NativeClient::Reply forged = dave.upload(m_fixture, QStringLiteral("lab"), QStringLiteral("lab"),
                                             QStringLiteral("cow"), QStringLiteral("v9"), wrongSignature);
    QCOMPARE(forged.status, 403);
    // Not a SIF.
    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(text, QByteArray(50000, 'n')));
    NativeClient::Reply notSif
        = dave.upload(text, QStringLiteral("lab"), QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("txt"));
    QCOMPARE(notSif.status, 415);
    QVERIFY(!notSif.json().object().value(QStringLiteral("detail")).toString().isEmpty());
    // The file before the fields that name its destination.
    const QByteArray early = "--b\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"x.sif\"\r\n\r\nSIF\r\n"
                             "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ncow\r\n--b--\r\n";
    NativeClient::Reply order
        = dave.post(QStringLiteral("/upload"), early, QStringLiteral("multipart/form-data; boundary=b"),
                    dave.authorization(QStringLiteral("upload"), QStringLiteral("lab"), QStringLiteral("cow"),
                                       QStringLiteral("latest")));
    QCOMPARE(order.status, 400);
    QVERIFY(order.json().object().value(QStringLiteral("detail")).toString().contains(QStringLiteral("before file1")));
    NativeClient::Reply notForm = dave.post(QStringLiteral("/upload"), "{}", QStringLiteral("application/json"),
                                            dave.authorization(QStringLiteral("upload"), QStringLiteral("lab"),
                                                               QStringLiteral("cow"), QStringLiteral("latest")));
    QCOMPARE(notForm.status, 415);
    QCOMPARE(IntegrationHelpers::storedFiles(m_server->dataDir()), before);
}

void NativeApiTest::pullPublic()
{
    const NativeClient anonymous(m_server->baseUrl());
    bool signedRetry = true;
    const NativeClient::Reply manifest
        = anonymous.manifest(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("v1"), &signedRetry);
    QCOMPARE(manifest.status, 200);
    QVERIFY(!signedRetry);
    const QJsonObject container = manifest.json().object();
    QCOMPARE(container.value(QStringLiteral("collection")).toString(), QStringLiteral("lab"));
    QCOMPARE(container.value(QStringLiteral("name")).toString(), QStringLiteral("cow"));
    QCOMPARE(container.value(QStringLiteral("tag")).toString(), QStringLiteral("v1"));
    QCOMPARE(container.value(QStringLiteral("version")).toString(),
             QStringLiteral("sha256.") + sha256OfFile(m_fixture));
    QCOMPARE(container.value(QStringLiteral("frozen")).toBool(), false);
    const QString url = container.value(QStringLiteral("image")).toString();
    const NativeClient::Reply head = anonymous.head(url);
    QCOMPARE(head.status, 200);
    QCOMPARE(QString::fromStdString(head.header("Content-Length")).toLongLong(), QFileInfo(m_fixture).size());
    const QString out = m_dir.filePath(QStringLiteral("pulled.sif"));
    QCOMPARE(anonymous.download(url, out).status, 200);
    QCOMPARE(readFile(out), readFile(m_fixture));
    // The tag defaults to latest; a @version suffix is ignored as sregistry does.
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/lab/cow")).status, 200);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/lab/cow:v1@sha256.0")).status, 200);
    QCOMPARE(
        anonymous.head(m_server->baseUrl() + QStringLiteral("/capability/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
            .status,
        403);
}

void NativeApiTest::pullPrivateNeedsASignature()
{
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-private"), QStringLiteral("lab") }).exitCode,
        0);
    const NativeClient anonymous(m_server->baseUrl());
    // Unsigned: 403 whether it exists or not, so sregistry-cli signs and retries.
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/lab/cow:v1")).status, 403);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/lab/nothing:v1")).status, 403);
    bool signedRetry = false;
    const NativeClient::Reply owner
        = as(QStringLiteral("dave"))
              .manifest(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("v1"), &signedRetry);
    QCOMPARE(owner.status, 200);
    QVERIFY(signedRetry);
    const QString out = m_dir.filePath(QStringLiteral("private.sif"));
    QCOMPARE(anonymous.download(owner.json().object().value(QStringLiteral("image")).toString(), out).status, 200);
    QCOMPARE(readFile(out), readFile(m_fixture));
    // A signed stranger learns nothing more than "not found".
    QCOMPARE(
        as(QStringLiteral("erin")).manifest(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("v1")).status,
        404);
    QCOMPARE(as(QStringLiteral("dave"))
                 .manifest(QStringLiteral("lab"), QStringLiteral("nothing"), QStringLiteral("v1"))
                 .status,
             404);
    // Hidden from anonymous listings.
    QCOMPARE(anonymous.get(QStringLiteral("/api/collection/lab")).json().object(), QJsonObject());
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-public"), QStringLiteral("lab") }).exitCode,
        0);
}

void NativeApiTest::signaturesAreChecked()
{
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-private"), QStringLiteral("lab") }).exitCode,
        0);
    const NativeClient dave = as(QStringLiteral("dave"));
    const QString path = QStringLiteral("/api/container/lab/cow:v1");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto pull = [&](const QString& authorization) {
        return dave.get(path, authorization).status;
    };
    QCOMPARE(pull(dave.authorization(QStringLiteral("pull"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v1"), now)),
             200);
    // The previous hour is still accepted (a request made as the hour turns, or a clock a little behind).
    QCOMPARE(pull(dave.authorization(QStringLiteral("pull"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v1"), now.addSecs(-3600))),
             200);
    QCOMPARE(pull(dave.authorization(QStringLiteral("pull"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v1"), now.addSecs(-7200))),
             403);
    QCOMPARE(pull(dave.authorization(QStringLiteral("push"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v1"), now)),
             403);
    QCOMPARE(pull(dave.authorization(QStringLiteral("pull"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v2"), now)),
             403);
    QCOMPARE(pull(NativeClient(m_server->baseUrl(), QStringLiteral("dave"), QStringLiteral("wrong-token"))
                      .authorization(QStringLiteral("pull"), QStringLiteral("lab"), QStringLiteral("cow"),
                                     QStringLiteral("v1"), now)),
             403);
    QCOMPARE(pull(QStringLiteral("SREGISTRY-HMAC-SHA256 nonsense")), 403);
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-public"), QStringLiteral("lab") }).exitCode,
        0);
}

void NativeApiTest::listingsAndSearches()
{
    const NativeClient anonymous(m_server->baseUrl());
    QCOMPARE(as(QStringLiteral("dave"))
                 .push(m_fixture, QStringLiteral("other"), QStringLiteral("cow"), QStringLiteral("v1"))
                 .status,
             200);
    const QJsonObject all = anonymous.get(QStringLiteral("/api/collections/")).json().object();
    QVERIFY(all.value(QStringLiteral("next")).isNull()); // sregistry-cli loops forever on a non-null next
    QVERIFY(all.value(QStringLiteral("previous")).isNull());
    QCOMPARE(all.value(QStringLiteral("count")).toInt(), 2);
    const QJsonArray results = all.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    QVERIFY(!results.first().toObject().value(QStringLiteral("containers")).toArray().isEmpty());
    const QJsonObject page = anonymous.get(QStringLiteral("/api/collections/?limit=1")).json().object();
    QCOMPARE(page.value(QStringLiteral("results")).toArray().size(), 1);
    QVERIFY(page.value(QStringLiteral("next")).toString().contains(QStringLiteral("offset=1")));

    const QJsonObject lab = anonymous.get(QStringLiteral("/api/collection/lab")).json().object();
    QCOMPARE(lab.value(QStringLiteral("name")).toString(), QStringLiteral("lab"));
    QStringList uris;
    for (const QJsonValue& container : lab.value(QStringLiteral("containers")).toArray())
        uris.append(container.toObject().value(QStringLiteral("uri")).toString());
    QVERIFY(uris.contains(QStringLiteral("lab/cow:v1")) && uris.contains(QStringLiteral("lab/cow:latest")));
    const NativeClient::Reply missing = anonymous.get(QStringLiteral("/api/collection/nope"));
    QCOMPARE(missing.status, 200); // as sregistry: {} is "No collections found." for sregistry-cli
    QCOMPARE(missing.json().object(), QJsonObject());

    QCOMPARE(
        anonymous.get(QStringLiteral("/api/container/search/collection/lab/name/cow/tag/v1")).json().array().size(), 1);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/search/collection/lab/name/cow/")).json().array().size(), 2);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/search/name/cow/tag/v1/")).json().array().size(), 2);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/search/name/nothing")).json().array().size(), 0);
}

void NativeApiTest::labelsAndIdentity()
{
    const NativeClient anonymous(m_server->baseUrl());
    const NativeClient::Reply byKey = anonymous.get(QStringLiteral("/api/labels/search/author/key"));
    QCOMPARE(byKey.status, 200);
    const QJsonArray labels = byKey.json().array();
    QCOMPARE(labels.size(), 1);
    QCOMPARE(labels.first().toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("fixtures@example.org"));
    QVERIFY(
        labels.first().toObject().value(QStringLiteral("containers")).toArray().contains(QStringLiteral("lab/cow:v1")));
    QCOMPARE(anonymous.get(QStringLiteral("/api/labels/search/author/key/nobody/value")).json().array().size(), 0);
    QCOMPARE(anonymous.get(QStringLiteral("/api/labels/search")).status, 200);

    const QJsonObject identity = anonymous.get(QStringLiteral("/api/registry/identity/")).json().object();
    QCOMPARE(identity.value(QStringLiteral("url")).toString(), m_server->baseUrl());
    QVERIFY(!identity.value(QStringLiteral("name")).toString().isEmpty());
}

void NativeApiTest::deletes()
{
    const NativeClient anonymous(m_server->baseUrl());
    QCOMPARE(anonymous.del(QStringLiteral("/api/container/lab/cow:latest")).status, 403);
    QCOMPARE(as(QStringLiteral("erin"))
                 .remove(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("latest"))
                 .status,
             403);
    QCOMPARE(m_server->cli({ QStringLiteral("freeze"), QStringLiteral("lab/cow:v1") }).exitCode, 0);
    const NativeClient::Reply frozen
        = as(QStringLiteral("dave")).remove(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("v1"));
    QCOMPARE(frozen.status, 403);
    QCOMPARE(frozen.json().object().value(QStringLiteral("detail")).toString(),
             QStringLiteral("lab/cow:v1 is frozen, delete not allowed."));
    QCOMPARE(as(QStringLiteral("dave"))
                 .remove(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("latest"))
                 .status,
             204);
    QCOMPARE(as(QStringLiteral("dave"))
                 .remove(QStringLiteral("lab"), QStringLiteral("cow"), QStringLiteral("latest"))
                 .status,
             404);
    QCOMPARE(anonymous.get(QStringLiteral("/api/container/lab/cow:v1")).status, 200);
}

QTEST_GUILESS_MAIN(NativeApiTest)
#include "NativeApiTest.moc"
