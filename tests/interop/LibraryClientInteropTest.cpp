// Apptainer's library client (the Go package Apptainer ships, from Debian) against the real sregistry-server:
// push (single part and multipart), pull by tag and by digest with both of the client's downloaders, search,
// delete. Pulled bytes must equal pushed bytes.

#include "GoLibraryClient.h"
#include "ObjectStoreEnvironment.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg::test;

class LibraryClientInteropTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pushesAndPullsTheFixture();
    void pushesALargeImageInParts();
    void rePushSkipsTheUpload();
    void tagsArePerArchitecture();
    void searchesAndDeletes();
    void privateCollectionsStayHidden();
    void pullsFollowPresignedDownloads();

private:
    GoLibraryClient client(const QString& token) const { return GoLibraryClient(m_driver, m_server->baseUrl(), token); }

    QTemporaryDir m_dir;
    QString m_driver;
    std::unique_ptr<ServerProcess> m_server;
    QString m_alice;
    QString m_bob;
};

void LibraryClientInteropTest::initTestCase()
{
    QString why;
    const std::optional<QString> driver = GoLibraryClient::build(&why);
    if (!driver) {
        if (GoLibraryClient::required())
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    m_driver = *driver;
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    m_alice = m_server->addUserWithToken(QStringLiteral("alice"));
    m_bob = m_server->addUserWithToken(QStringLiteral("bob"));
    QVERIFY(!m_alice.isEmpty() && !m_bob.isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void LibraryClientInteropTest::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void LibraryClientInteropTest::pushesAndPullsTheFixture()
{
    const QString fixture = sreg::test::fixture(QStringLiteral("singularity-like.sif"));
    const QString digest = QStringLiteral("sha256.") + sha256OfFile(fixture);
    const GoLibraryClient alice = client(m_alice);
    GoLibraryClient::Run pushed = alice.run(
        { QStringLiteral("push"), fixture, QStringLiteral("alice/interop/fixture"), QStringLiteral("latest,v1") });
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    QVERIFY2(pushed.err.contains("legacy (single part)"), "a small image goes up in one PUT");

    // Anonymous pulls of a public image, with both downloaders, by tag and by digest.
    const GoLibraryClient anonymous = client(QString());
    const struct
    {
        const char* command;
        QString tag;
    } pulls[] = { { "pull", QStringLiteral("latest") },
                  { "pull-single", QStringLiteral("v1") },
                  { "pull", digest },
                  { "pull-single", digest } };
    for (const auto& pull : pulls) {
        const QString out = m_dir.filePath(QStringLiteral("pulled.sif"));
        GoLibraryClient::Run pulled = anonymous.run(
            { QString::fromLatin1(pull.command), QStringLiteral("alice/interop/fixture"), pull.tag, out });
        QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
        QCOMPARE(pulled.json().value(QStringLiteral("hash")).toString(), digest);
        QCOMPARE(readFile(out), readFile(fixture));
    }
    GoLibraryClient::Run image = anonymous.run({ QStringLiteral("image"), QStringLiteral("alice/interop/fixture:v1") });
    QVERIFY2(image.exitCode == 0, image.err.constData());
    QCOMPARE(image.json().value(QStringLiteral("hash")).toString(), digest);
    QCOMPARE(image.json().value(QStringLiteral("size")).toInteger(), QFileInfo(fixture).size());
    QCOMPARE(image.json().value(QStringLiteral("uploaded")).toBool(), true);
}

void LibraryClientInteropTest::pushesALargeImageInParts()
{
    // Over 64 MiB the client uploads in parts (our parts are 64 MiB: two of them here).
    const QString big = m_dir.filePath(QStringLiteral("big.sif"));
    QVERIFY(makeSif(big, 80 << 20, 7));
    const QString digest = QStringLiteral("sha256.") + sha256OfFile(big);
    GoLibraryClient::Run pushed = client(m_alice).run(
        { QStringLiteral("push"), big, QStringLiteral("alice/interop/big"), QStringLiteral("latest") });
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    QVERIFY2(pushed.err.contains("Uploaded 2 parts"), pushed.err.constData());
    QVERIFY(m_server->standardError().contains("\"PUT /v2/imagefile/"));

    const QString out = m_dir.filePath(QStringLiteral("big-pulled.sif"));
    GoLibraryClient::Run pulled = client(QString()).run(
        { QStringLiteral("pull"), QStringLiteral("alice/interop/big"), QStringLiteral("latest"), out });
    QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
    QCOMPARE(pulled.json().value(QStringLiteral("hash")).toString(), digest);
    QCOMPARE(sha256OfFile(out), sha256OfFile(big));
    QFile::remove(out);
}

void LibraryClientInteropTest::rePushSkipsTheUpload()
{
    const QString fixture = sreg::test::fixture(QStringLiteral("singularity-like.sif"));
    GoLibraryClient::Run again = client(m_alice).run(
        { QStringLiteral("push"), fixture, QStringLiteral("alice/interop/fixture"), QStringLiteral("again") });
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.err.contains("already present"), again.err.constData());
    GoLibraryClient::Run image
        = client(QString()).run({ QStringLiteral("image"), QStringLiteral("alice/interop/fixture:again") });
    QVERIFY2(image.exitCode == 0, image.err.constData());
}

void LibraryClientInteropTest::tagsArePerArchitecture()
{
    // The same tag on two architectures (v2 tags): each client gets its own image.
    const QString amd64 = m_dir.filePath(QStringLiteral("multi-amd64.sif"));
    const QString arm64 = m_dir.filePath(QStringLiteral("multi-arm64.sif"));
    QVERIFY(makeSif(amd64, 256 << 10, 51, QStringLiteral("amd64")));
    QVERIFY(makeSif(arm64, 256 << 10, 52, QStringLiteral("arm64")));
    const GoLibraryClient alice = client(m_alice);
    for (const auto& [file, arch] :
         { std::pair { amd64, QStringLiteral("amd64") }, std::pair { arm64, QStringLiteral("arm64") } }) {
        GoLibraryClient::Run pushed = alice.run(
            { QStringLiteral("push"), file, QStringLiteral("alice/interop/multi"), QStringLiteral("latest") }, arch);
        QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    }
    for (const auto& [file, arch] :
         { std::pair { amd64, QStringLiteral("amd64") }, std::pair { arm64, QStringLiteral("arm64") } }) {
        const QString out = m_dir.filePath(QStringLiteral("multi-pulled.sif"));
        GoLibraryClient::Run pulled = client(QString()).run(
            { QStringLiteral("pull"), QStringLiteral("alice/interop/multi"), QStringLiteral("latest"), out }, arch);
        QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
        QCOMPARE(readFile(out), readFile(file));
    }
}

void LibraryClientInteropTest::searchesAndDeletes()
{
    GoLibraryClient::Run found = client(QString()).run({ QStringLiteral("search"), QStringLiteral("fixture") });
    QVERIFY2(found.exitCode == 0, found.err.constData());
    const QJsonArray images = found.json().value(QStringLiteral("image")).toArray();
    QVERIFY(!images.isEmpty());
    QCOMPARE(images.first().toObject().value(QStringLiteral("containerName")).toString(), QStringLiteral("fixture"));
    GoLibraryClient::Run nothing = client(QString()).run({ QStringLiteral("search"), QStringLiteral("no-such-thing") });
    QVERIFY2(nothing.exitCode == 0, nothing.err.constData());

    GoLibraryClient::Run refused
        = client(m_bob).run({ QStringLiteral("delete"), QStringLiteral("alice/interop/fixture:v1") });
    QVERIFY(refused.exitCode != 0);
    GoLibraryClient::Run deleted
        = client(m_alice).run({ QStringLiteral("delete"), QStringLiteral("alice/interop/fixture:v1") });
    QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
    GoLibraryClient::Run gone
        = client(QString()).run({ QStringLiteral("image"), QStringLiteral("alice/interop/fixture:v1") });
    QVERIFY(gone.exitCode != 0);
    QVERIFY(gone.err.contains("not found"));
    GoLibraryClient::Run stillThere
        = client(QString()).run({ QStringLiteral("image"), QStringLiteral("alice/interop/fixture:latest") });
    QVERIFY2(stillThere.exitCode == 0, stillThere.err.constData());
}

void LibraryClientInteropTest::privateCollectionsStayHidden()
{
    QCOMPARE(m_server
                 ->cli({ QStringLiteral("collection"), QStringLiteral("create"), QStringLiteral("secret"),
                         QStringLiteral("--private") })
                 .exitCode,
             0);
    QCOMPARE(m_server
                 ->cli({ QStringLiteral("collection"), QStringLiteral("add-member"), QStringLiteral("secret"),
                         QStringLiteral("alice"), QStringLiteral("--role"), QStringLiteral("owner") })
                 .exitCode,
             0);
    const QString fixture = sreg::test::fixture(QStringLiteral("singularity-like.sif"));
    GoLibraryClient::Run pushed = client(m_alice).run(
        { QStringLiteral("push"), fixture, QStringLiteral("alice/secret/thing"), QStringLiteral("latest") });
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    const QString out = m_dir.filePath(QStringLiteral("secret.sif"));
    for (const QString& token : { QString(), m_bob }) {
        GoLibraryClient::Run pulled = client(token).run(
            { QStringLiteral("pull"), QStringLiteral("alice/secret/thing"), QStringLiteral("latest"), out });
        QVERIFY(pulled.exitCode != 0);
        QVERIFY2(pulled.err.contains("not found"), pulled.err.constData());
    }
    GoLibraryClient::Run owner = client(m_alice).run(
        { QStringLiteral("pull"), QStringLiteral("alice/secret/thing"), QStringLiteral("latest"), out });
    QVERIFY2(owner.exitCode == 0, owner.err.constData());
    QCOMPARE(readFile(out), readFile(fixture));
}

void LibraryClientInteropTest::pullsFollowPresignedDownloads()
{
    // A server on S3 with presignedDownloads on answers a pull with 303 to a presigned bucket URL: both of the
    // client's downloaders follow it, without our token, and get the bytes that were pushed.
    const std::optional<sreg::test::ObjectStoreEnvironment> environment
        = sreg::test::ObjectStoreEnvironment::s3(sreg::test::ObjectStoreEnvironment::uniqueName(QStringLiteral("interop")));
    if (!environment) {
        if (qEnvironmentVariable("CI") == u"true")
            QFAIL("S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are not set");
        QSKIP("S3_ENDPOINT, S3_ACCESS_KEY and S3_SECRET_KEY are not set");
    }
    const sreg::Status created = sreg::test::ObjectStoreEnvironment::create(*environment);
    QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message()));
    const auto removeBucket = qScopeGuard([&] { (void)sreg::test::ObjectStoreEnvironment::destroy(*environment); });
    const QString data = m_dir.filePath(QStringLiteral("s3-data"));
    QVERIFY(QDir().mkpath(data));
    sreg::StorageConfig config = environment->config;
    config.presignedDownloads = true;
    QVERIFY(config.save(sreg::StorageConfig::pathIn(data)));
    QVERIFY(sreg::StorageSecrets::writeFile(data + QStringLiteral("/storage-secrets.json"), environment->secrets));
    ServerProcess server(data);
    const QString token = server.addUserWithToken(QStringLiteral("carol"));
    QVERIFY(!token.isEmpty());
    QVERIFY2(server.start(), qPrintable(server.lastError()));

    const QString fixture = sreg::test::fixture(QStringLiteral("singularity-like.sif"));
    GoLibraryClient::Run pushed = GoLibraryClient(m_driver, server.baseUrl(), token)
                                      .run({ QStringLiteral("push"), fixture, QStringLiteral("carol/direct/fixture"),
                                             QStringLiteral("latest") });
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());
    const GoLibraryClient anonymous(m_driver, server.baseUrl(), QString());
    for (const char* command : { "pull", "pull-single" }) {
        const QString out = m_dir.filePath(QStringLiteral("direct.sif"));
        GoLibraryClient::Run pulled = anonymous.run(
            { QString::fromLatin1(command), QStringLiteral("carol/direct/fixture"), QStringLiteral("latest"), out });
        QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
        QCOMPARE(readFile(out), readFile(fixture));
        QFile::remove(out);
    }
    const QByteArray log = server.standardError();
    QVERIFY2(log.contains("\" 303 "), log.constData()); // the bytes came from the bucket, not through us
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(LibraryClientInteropTest)
#include "LibraryClientInteropTest.moc"
