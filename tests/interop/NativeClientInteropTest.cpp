// The sregistry native API driven the way sregistry-cli drives it (NativeClient signs and sends exactly what
// sregistry-cli 0.2.39 does), then the two protocols crossed: what the native client pushed is pulled with
// Apptainer's library client, and what the library client pushed is pulled with the native client. sregistry
// itself cannot do that: its two upload paths store into two stores.

#include "GoLibraryClient.h"
#include "NativeClient.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg::test;

class NativeClientInteropTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pushPullSearchDelete();
    void libraryPullsWhatTheNativeClientPushed();
    void nativePullsWhatTheLibraryClientPushed();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;
    std::optional<QString> m_driver;
    QString m_driverProblem;
};

void NativeClientInteropTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    m_token = m_server->addUserWithToken(QStringLiteral("carol"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_driver = GoLibraryClient::build(&m_driverProblem);
}

void NativeClientInteropTest::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void NativeClientInteropTest::pushPullSearchDelete()
{
    const NativeClient client(m_server->baseUrl(), QStringLiteral("carol"), m_token);
    const QString image = m_dir.filePath(QStringLiteral("native.sif"));
    QVERIFY(makeSif(image, 3 << 20, 11));

    const NativeClient::Reply pushed
        = client.push(image, QStringLiteral("nat"), QStringLiteral("tool"), QStringLiteral("v2"));
    QCOMPARE(pushed.status, 200);
    QCOMPARE(pushed.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("Upload Complete"));

    bool signedRetry = true;
    const NativeClient::Reply manifest
        = client.manifest(QStringLiteral("nat"), QStringLiteral("tool"), QStringLiteral("v2"), &signedRetry);
    QCOMPARE(manifest.status, 200);
    QVERIFY(!signedRetry); // public: no signature needed
    const QString url = manifest.json().object().value(QStringLiteral("image")).toString();
    QVERIFY(url.startsWith(m_server->baseUrl()));
    const QString out = m_dir.filePath(QStringLiteral("native-pulled.sif"));
    QCOMPARE(client.download(url, out).status, 200);
    QCOMPARE(readFile(out), readFile(image));

    // Private: the unsigned request gets 403 and the client retries signed, as sregistry-cli does.
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-private"), QStringLiteral("nat") }).exitCode,
        0);
    const NativeClient::Reply signedManifest
        = client.manifest(QStringLiteral("nat"), QStringLiteral("tool"), QStringLiteral("v2"), &signedRetry);
    QCOMPARE(signedManifest.status, 200);
    QVERIFY(signedRetry);
    QCOMPARE(client.download(signedManifest.json().object().value(QStringLiteral("image")).toString(), out).status,
             200);
    QCOMPARE(readFile(out), readFile(image));
    QCOMPARE(
        m_server->cli({ QStringLiteral("collection"), QStringLiteral("set-public"), QStringLiteral("nat") }).exitCode,
        0);

    const NativeClient::Reply collections = client.get(QStringLiteral("/api/collections/"));
    QCOMPARE(collections.status, 200);
    QVERIFY(collections.json().object().value(QStringLiteral("next")).isNull());
    const NativeClient::Reply collection = client.get(QStringLiteral("/api/collection/nat"));
    QCOMPARE(collection.json()
                 .object()
                 .value(QStringLiteral("containers"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("uri"))
                 .toString(),
             QStringLiteral("nat/tool:v2"));
    const NativeClient::Reply search
        = client.get(QStringLiteral("/api/container/search/collection/nat/name/tool/tag/v2"));
    QCOMPARE(search.status, 200);
    QCOMPARE(search.json().array().size(), 1);

    QCOMPARE(client.remove(QStringLiteral("nat"), QStringLiteral("tool"), QStringLiteral("v2")).status, 204);
    QCOMPARE(client.manifest(QStringLiteral("nat"), QStringLiteral("tool"), QStringLiteral("v2")).status, 404);
}

void NativeClientInteropTest::libraryPullsWhatTheNativeClientPushed()
{
    if (!m_driver) {
        if (GoLibraryClient::required())
            QFAIL(qPrintable(m_driverProblem));
        QSKIP(qPrintable(m_driverProblem));
    }
    const NativeClient client(m_server->baseUrl(), QStringLiteral("carol"), m_token);
    const QString image = m_dir.filePath(QStringLiteral("cross1.sif"));
    QVERIFY(makeSif(image, 2 << 20, 21));
    QCOMPARE(client.push(image, QStringLiteral("cross"), QStringLiteral("fromnative"), QStringLiteral("latest")).status,
             200);

    const GoLibraryClient library(*m_driver, m_server->baseUrl());
    const QString out = m_dir.filePath(QStringLiteral("cross1-pulled.sif"));
    GoLibraryClient::Run pulled = library.run(
        { QStringLiteral("pull"), QStringLiteral("carol/cross/fromnative"), QStringLiteral("latest"), out });
    QVERIFY2(pulled.exitCode == 0, pulled.err.constData());
    QCOMPARE(readFile(out), readFile(image));
    QCOMPARE(pulled.json().value(QStringLiteral("hash")).toString(), QStringLiteral("sha256.") + sha256OfFile(image));
}

void NativeClientInteropTest::nativePullsWhatTheLibraryClientPushed()
{
    if (!m_driver) {
        if (GoLibraryClient::required())
            QFAIL(qPrintable(m_driverProblem));
        QSKIP(qPrintable(m_driverProblem));
    }
    const QString image = m_dir.filePath(QStringLiteral("cross2.sif"));
    QVERIFY(makeSif(image, 2 << 20, 22));
    const GoLibraryClient library(*m_driver, m_server->baseUrl(), m_token);
    GoLibraryClient::Run pushed = library.run(
        { QStringLiteral("push"), image, QStringLiteral("carol/cross/fromlibrary"), QStringLiteral("latest") });
    QVERIFY2(pushed.exitCode == 0, pushed.err.constData());

    const NativeClient client(m_server->baseUrl(), QStringLiteral("carol"), m_token);
    const NativeClient::Reply manifest
        = client.manifest(QStringLiteral("cross"), QStringLiteral("fromlibrary"), QStringLiteral("latest"));
    QCOMPARE(manifest.status, 200);
    const QString out = m_dir.filePath(QStringLiteral("cross2-pulled.sif"));
    QCOMPARE(client.download(manifest.json().object().value(QStringLiteral("image")).toString(), out).status, 200);
    QCOMPARE(readFile(out), readFile(image));
}

QTEST_GUILESS_MAIN(NativeClientInteropTest)
#include "NativeClientInteropTest.moc"
