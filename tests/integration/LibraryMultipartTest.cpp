// Library API multipart uploads on the built server: parts checked against their SHA-256, the session surviving
// a cut push and a server restart (same uploadID, stored parts listed and not re-sent), completion with the
// parts' tokens, abort, and a wrong image refused at assembly.

#include "HttpClient.h"
#include "IntegrationHelpers.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg::test;

class LibraryMultipartTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void resumesAcrossARestart();
    void abortDropsTheSession();
    void wrongBytesAreRefusedAtAssembly();

private:
    static QByteArray slice(const QString& file, qint64 offset, qint64 size);
    static QString sha256(const QByteArray& bytes)
    {
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
    // PUT _multipart for part n, then the bytes to the presigned URL: the PUT's reply.
    HttpClient::Reply sendPart(const HttpClient& client, const QString& imageId, const QString& uploadId, int n,
                               const QByteArray& bytes, const QString& announcedSha256) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_token;
};

QByteArray LibraryMultipartTest::slice(const QString& file, qint64 offset, qint64 size)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
        return {};
    return in.read(size);
}

HttpClient::Reply LibraryMultipartTest::sendPart(const HttpClient& client, const QString& imageId,
                                                 const QString& uploadId, int n, const QByteArray& bytes,
                                                 const QString& announcedSha256) const
{
    const HttpClient::Reply url = client.putJson(QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId),
                                                 { { QStringLiteral("partSize"), bytes.size() },
                                                   { QStringLiteral("uploadID"), uploadId },
                                                   { QStringLiteral("partNumber"), n },
                                                   { QStringLiteral("sha256sum"), announcedSha256 } });
    if (url.status != 200)
        return url;
    HttpClient::Headers headers;
    if (!announcedSha256.isEmpty())
        headers.append({ "x-amz-content-sha256", announcedSha256.toUtf8() });
    return HttpClient(QString()).put(url.data().toObject().value(QStringLiteral("presignedURL")).toString(), bytes,
                                     headers);
}

void LibraryMultipartTest::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(m_dir.filePath(QStringLiteral("data")));
    m_token = m_server->addUserWithToken(QStringLiteral("alice"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
}

void LibraryMultipartTest::cleanupTestCase()
{
    if (m_server)
        QCOMPARE(m_server->stop(), 0);
}

void LibraryMultipartTest::resumesAcrossARestart()
{
    const QString file = m_dir.filePath(QStringLiteral("parts.sif"));
    QVERIFY(makeSif(file, 130 << 20, 31));
    const qint64 size = QFileInfo(file).size();
    const QString digest = QStringLiteral("sha256.") + sha256OfFile(file);
    HttpClient client(m_server->baseUrl(), m_token);
    const QString imageId
        = IntegrationHelpers::announce(client, QStringLiteral("big"), QStringLiteral("parts"), digest);
    QVERIFY(!imageId.isEmpty());
    const QString multipart = QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId);

    HttpClient::Reply started = client.postJson(multipart, { { QStringLiteral("filesize"), size } });
    QCOMPARE(started.status, 200);
    const QJsonObject session = started.data().toObject();
    const QString uploadId = session.value(QStringLiteral("uploadID")).toString();
    const qint64 partSize = session.value(QStringLiteral("partSize")).toInteger();
    QCOMPARE(partSize, qint64(64) << 20);
    QCOMPARE(session.value(QStringLiteral("totalParts")).toInt(), 3);
    QCOMPARE(session.value(QStringLiteral("options")).toObject().value(QStringLiteral("s3compliant")).toString(),
             QStringLiteral("true"));

    // Requests for parts that cannot be.
    QCOMPARE(client
                 .putJson(multipart,
                          { { QStringLiteral("partSize"), 5 },
                            { QStringLiteral("uploadID"), uploadId },
                            { QStringLiteral("partNumber"), 1 } })
                 .status,
             400);
    QCOMPARE(client
                 .putJson(multipart,
                          { { QStringLiteral("partSize"), partSize },
                            { QStringLiteral("uploadID"), uploadId },
                            { QStringLiteral("partNumber"), 4 } })
                 .status,
             400);
    QCOMPARE(client
                 .putJson(multipart,
                          { { QStringLiteral("partSize"), partSize },
                            { QStringLiteral("uploadID"), QStringLiteral("nope") },
                            { QStringLiteral("partNumber"), 1 } })
                 .status,
             404);

    const QByteArray part1 = slice(file, 0, partSize);
    HttpClient::Reply first = sendPart(client, imageId, uploadId, 1, part1, sha256(part1));
    QCOMPARE(first.status, 200);
    const QString token1 = first.header("ETag");
    QVERIFY(!token1.isEmpty());
    // Part 2 with other bytes than announced is refused and not stored.
    const QByteArray part2 = slice(file, partSize, partSize);
    HttpClient::Reply wrong = sendPart(client, imageId, uploadId, 2, part1, sha256(part2));
    QCOMPARE(wrong.status, 400);
    QCOMPARE(wrong.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("digest-mismatch"));

    // The push is cut here; the server restarts.
    QCOMPARE(m_server->stop(), 0);
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    client = HttpClient(m_server->baseUrl(), m_token);

    HttpClient::Reply resumed = client.postJson(multipart, { { QStringLiteral("filesize"), size } });
    QCOMPARE(resumed.data().toObject().value(QStringLiteral("uploadID")).toString(), uploadId);
    HttpClient::Reply listed = client.get(multipart + QStringLiteral("?uploadID=") + uploadId);
    QCOMPARE(listed.status, 200);
    const QJsonArray parts = listed.data().toObject().value(QStringLiteral("parts")).toArray();
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts.first().toObject().value(QStringLiteral("partNumber")).toInt(), 1);
    QCOMPARE(parts.first().toObject().value(QStringLiteral("token")).toString(), token1);
    QCOMPARE(client.get(multipart).data().toObject().value(QStringLiteral("uploadID")).toString(), uploadId);

    // Only the missing parts are sent.
    HttpClient::Reply second = sendPart(client, imageId, uploadId, 2, part2, sha256(part2));
    QCOMPARE(second.status, 200);
    const QByteArray part3 = slice(file, 2 * partSize, size - 2 * partSize);
    HttpClient::Reply third = sendPart(client, imageId, uploadId, 3, part3, QString()); // no hash announced
    QCOMPARE(third.status, 200);

    const auto completion = [&](const QString& secondToken, int parts) {
        QJsonArray completed {
            QJsonObject { { QStringLiteral("partNumber"), 1 }, { QStringLiteral("token"), token1 } },
            QJsonObject { { QStringLiteral("partNumber"), 2 }, { QStringLiteral("token"), secondToken } },
            QJsonObject { { QStringLiteral("partNumber"), 3 }, { QStringLiteral("token"), third.header("ETag") } }
        };
        while (completed.size() > parts)
            completed.removeLast();
        return QJsonObject { { QStringLiteral("uploadID"), uploadId },
                             { QStringLiteral("completedParts"), completed } };
    };
    const QString complete = QStringLiteral("/v2/imagefile/%1/_multipart_complete").arg(imageId);
    QCOMPARE(client.putJson(complete, completion(QStringLiteral("\"bogus\""), 3)).status, 400);
    QCOMPARE(client.putJson(complete, completion(second.header("ETag"), 2)).status, 400);
    HttpClient::Reply done = client.putJson(complete, completion(second.header("ETag"), 3));
    QCOMPARE(done.status, 200);
    QVERIFY(done.json().contains(QStringLiteral("data"))); // the client needs a JSON body here

    QCOMPARE(client.get(QStringLiteral("/v1/images/big/parts:") + digest)
                 .data()
                 .toObject()
                 .value(QStringLiteral("uploaded"))
                 .toBool(),
             true);
    QCOMPARE(client.get(multipart).status, 404); // the session is gone
    const QByteArray pulled = client.get(QStringLiteral("/v1/imagefile/big/parts:") + digest).body;
    QCOMPARE(sha256(pulled), sha256OfFile(file));
    QFile::remove(file);
}

void LibraryMultipartTest::abortDropsTheSession()
{
    const QString file = m_dir.filePath(QStringLiteral("aborted.sif"));
    QVERIFY(makeSif(file, 1 << 20, 32));
    const HttpClient client(m_server->baseUrl(), m_token);
    const QString imageId = IntegrationHelpers::announce(client, QStringLiteral("big"), QStringLiteral("aborted"),
                                                         QStringLiteral("sha256.") + sha256OfFile(file));
    const QString multipart = QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId);
    const QString uploadId = client.postJson(multipart, { { QStringLiteral("filesize"), QFileInfo(file).size() } })
                                 .data()
                                 .toObject()
                                 .value(QStringLiteral("uploadID"))
                                 .toString();
    QVERIFY(!uploadId.isEmpty());
    QCOMPARE(sendPart(client, imageId, uploadId, 1, readFile(file), QString()).status, 200);
    QCOMPARE(client
                 .putJson(QStringLiteral("/v2/imagefile/%1/_multipart_abort").arg(imageId),
                          { { QStringLiteral("uploadID"), uploadId } })
                 .status,
             200);
    QCOMPARE(client.get(multipart + QStringLiteral("?uploadID=") + uploadId).status, 404);
    QCOMPARE(HttpClient(m_server->baseUrl()).postJson(multipart, { { QStringLiteral("filesize"), 10 } }).status, 401);
}

void LibraryMultipartTest::wrongBytesAreRefusedAtAssembly()
{
    const QString announced = m_dir.filePath(QStringLiteral("announced.sif"));
    const QString sent = m_dir.filePath(QStringLiteral("sent.sif"));
    QVERIFY(makeSif(announced, 1 << 20, 33));
    QVERIFY(makeSif(sent, 1 << 20, 34));
    QCOMPARE(QFileInfo(sent).size(), QFileInfo(announced).size());
    const HttpClient client(m_server->baseUrl(), m_token);
    const QString imageId = IntegrationHelpers::announce(client, QStringLiteral("big"), QStringLiteral("wrong"),
                                                         QStringLiteral("sha256.") + sha256OfFile(announced));
    const QString multipart = QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId);
    const QString uploadId = client.postJson(multipart, { { QStringLiteral("filesize"), QFileInfo(announced).size() } })
                                 .data()
                                 .toObject()
                                 .value(QStringLiteral("uploadID"))
                                 .toString();
    HttpClient::Reply part = sendPart(client, imageId, uploadId, 1, readFile(sent), QString());
    QCOMPARE(part.status, 200);
    HttpClient::Reply done
        = client.putJson(QStringLiteral("/v2/imagefile/%1/_multipart_complete").arg(imageId),
                         { { QStringLiteral("uploadID"), uploadId },
                           { QStringLiteral("completedParts"),
                             QJsonArray { QJsonObject { { QStringLiteral("partNumber"), 1 },
                                                        { QStringLiteral("token"), part.header("ETag") } } } } });
    QCOMPARE(done.status, 400);
    QCOMPARE(done.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")).toString(),
             QStringLiteral("digest-mismatch"));
    QCOMPARE(client.get(multipart).status, 404); // wrong bytes cannot be completed: the session is dropped
    QCOMPARE(client.get(QStringLiteral("/v1/images/big/wrong:sha256.") + sha256OfFile(announced))
                 .data()
                 .toObject()
                 .value(QStringLiteral("uploaded"))
                 .toBool(),
             false);
}

QTEST_GUILESS_MAIN(LibraryMultipartTest)
#include "LibraryMultipartTest.moc"
