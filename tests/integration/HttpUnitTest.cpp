// The HTTP server's parsers and helpers, without a server: multipart framing at every split point, Range
// headers, the HMAC credential, the failed-auth limiter, capability URLs, the access log's redaction, library
// IDs and the error-code mapping.

#include "http/AccessLog.h"
#include "http/BearerAuth.h"
#include "http/CapabilityUrls.h"
#include "http/ClientAddress.h"
#include "http/ErrorReplies.h"
#include "http/HmacAuth.h"
#include "http/LibraryIds.h"
#include "http/MultipartFormParser.h"
#include "http/RangeParser.h"
#include "http/RateLimiter.h"
#include "http/UploadSessionRepository.h"

#include <QTest>
#include <httplib.h>

using namespace sreg;
using namespace sreg::http;

class HttpUnitTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void multipartParsesAtEverySplit();
    void multipartRefusesBadFraming_data();
    void multipartRefusesBadFraming();
    void multipartBoundaryFromContentType();
    void ranges_data();
    void ranges();
    void hmacCredential();
    void hmacPayloadAndTimestamp();
    void bearerSecret();
    void rateLimiterWindow();
    void clientAddressBehindTrustedProxies();
    void capabilityUrls();
    void accessLogRedacts();
    void libraryIds();
    void errorStatuses();
    void uploadSessionParts();
};

namespace {

struct Collected
{
    QList<MultipartFormParser::PartHeaders> parts;
    QList<QByteArray> bodies;
    int ends = 0;
};

MultipartFormParser::Callbacks collector(Collected& collected)
{
    MultipartFormParser::Callbacks callbacks;
    callbacks.begin = [&](const MultipartFormParser::PartHeaders& part) {
        collected.parts.append(part);
        collected.bodies.append(QByteArray());
        return Status();
    };
    callbacks.data = [&](const char* data, qint64 size) {
        collected.bodies.last().append(data, size);
        return Status();
    };
    callbacks.end = [&] {
        ++collected.ends;
        return Status();
    };
    return callbacks;
}

const QByteArray kForm = "preamble to ignore\r\n"
                         "--XyZ\r\n"
                         "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
                         "tool\r\n"
                         "--XyZ  \r\n" // transport padding
                         "Content-Disposition: form-data; name=\"file1\"; filename=\"tool:latest.sif\"\r\n"
                         "Content-Type: text/plain\r\n\r\n"
                         "SIF\r\n--Xy-partial\r\n-- bytes\r\n--X\r\n"
                         "\r\n--XyZ--\r\nepilogue";

} // namespace

void HttpUnitTest::multipartParsesAtEverySplit()
{
    for (int split = 0; split <= kForm.size(); ++split) {
        Collected collected;
        MultipartFormParser parser("XyZ", collector(collected));
        QVERIFY(parser.feed(kForm.constData(), split));
        QVERIFY(parser.feed(kForm.constData() + split, kForm.size() - split));
        QVERIFY2(parser.finish(), qPrintable(QString::number(split)));
        QCOMPARE(collected.parts.size(), 2);
        QCOMPARE(collected.parts[0].name, QStringLiteral("name"));
        QCOMPARE(collected.bodies[0], QByteArray("tool"));
        QCOMPARE(collected.parts[1].filename, QStringLiteral("tool:latest.sif"));
        QCOMPARE(collected.parts[1].contentType, QStringLiteral("text/plain"));
        QCOMPARE(collected.bodies[1], QByteArray("SIF\r\n--Xy-partial\r\n-- bytes\r\n--X\r\n"));
        QCOMPARE(collected.ends, 2);
    }
    // One byte at a time.
    Collected collected;
    MultipartFormParser parser("XyZ", collector(collected));
    for (char c : kForm)
        QVERIFY(parser.feed(&c, 1));
    QVERIFY(parser.finish());
    QCOMPARE(collected.bodies.size(), 2);
}

void HttpUnitTest::multipartRefusesBadFraming_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no-closing") << QByteArray("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx")
                                << QStringLiteral("closing boundary");
    QTest::newRow("no-name") << QByteArray("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--")
                             << QStringLiteral("no Content-Disposition name");
    QTest::newRow("not-form-data") << QByteArray("--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--")
                                   << QStringLiteral("not form-data");
    QTest::newRow("garbage-after-boundary") << QByteArray("--Bxx\r\n") << QStringLiteral("malformed");
    QTest::newRow("huge-headers") << (QByteArray("--B\r\nX: ") + QByteArray(20000, 'a'))
                                  << QStringLiteral("headers exceed");
    QTest::newRow("no-boundary") << QByteArray(70000, 'z') << QStringLiteral("no multipart boundary");
    QByteArray many;
    for (int i = 0; i < 40; ++i)
        many += "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
    QTest::newRow("too-many-parts") << many + "--B--" << QStringLiteral("more than 32 parts");
}

void HttpUnitTest::multipartRefusesBadFraming()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    Collected collected;
    MultipartFormParser parser("B", collector(collected));
    Status status = parser.feed(body.constData(), body.size());
    if (status)
        status = parser.finish();
    QVERIFY(!status);
    QVERIFY2(status.error().message().contains(reason), qPrintable(status.error().message()));
    QVERIFY(!parser.feed("x", 1)); // a failed parser stays failed
}

void HttpUnitTest::multipartBoundaryFromContentType()
{
    QCOMPARE(MultipartFormParser::boundaryOf(QStringLiteral("multipart/form-data; boundary=abc123")),
             QByteArray("abc123"));
    QCOMPARE(MultipartFormParser::boundaryOf(QStringLiteral("Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"")),
             QByteArray("a b;c"));
    QVERIFY(!MultipartFormParser::boundaryOf(QStringLiteral("application/json")));
    QVERIFY(!MultipartFormParser::boundaryOf(QStringLiteral("multipart/form-data")));
    QVERIFY(!MultipartFormParser::boundaryOf(QStringLiteral("multipart/form-data; boundary=") + QString(71, u'x')));
}

void HttpUnitTest::ranges_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("length");
    const int whole = int(RangeParser::Kind::Whole);
    const int partial = int(RangeParser::Kind::Partial);
    const int unsatisfiable = int(RangeParser::Kind::Unsatisfiable);
    QTest::newRow("closed") << "bytes=0-1023" << qint64(4096) << partial << qint64(0) << qint64(1024);
    QTest::newRow("open") << "bytes=4000-" << qint64(4096) << partial << qint64(4000) << qint64(96);
    QTest::newRow("suffix") << "bytes=-100" << qint64(4096) << partial << qint64(3996) << qint64(100);
    QTest::newRow("suffix-larger") << "bytes=-10000" << qint64(4096) << partial << qint64(0) << qint64(4096);
    QTest::newRow("clipped") << "bytes=0-1024" << qint64(700) << partial << qint64(0) << qint64(700);
    QTest::newRow("past-end") << "bytes=4096-" << qint64(4096) << unsatisfiable << qint64(0) << qint64(0);
    QTest::newRow("suffix-zero") << "bytes=-0" << qint64(4096) << unsatisfiable << qint64(0) << qint64(0);
    QTest::newRow("empty-resource") << "bytes=0-" << qint64(0) << unsatisfiable << qint64(0) << qint64(0);
    QTest::newRow("several") << "bytes=0-1,5-6" << qint64(4096) << whole << qint64(0) << qint64(0);
    QTest::newRow("reversed") << "bytes=9-3" << qint64(4096) << whole << qint64(0) << qint64(0);
    QTest::newRow("other-unit") << "items=0-3" << qint64(4096) << whole << qint64(0) << qint64(0);
    QTest::newRow("negative") << "bytes=-3-5" << qint64(4096) << whole << qint64(0) << qint64(0);
    QTest::newRow("overflow") << "bytes=0-99999999999999999999" << qint64(4096) << whole << qint64(0) << qint64(0);
    QTest::newRow("garbage") << "bytes=a-b" << qint64(4096) << whole << qint64(0) << qint64(0);
}

void HttpUnitTest::ranges()
{
    QFETCH(QString, header);
    QFETCH(qint64, size);
    QFETCH(int, kind);
    QFETCH(qint64, first);
    QFETCH(qint64, length);
    const RangeParser::Outcome outcome = RangeParser::parse(header.toStdString(), size);
    QCOMPARE(int(outcome.kind), kind);
    if (outcome.kind == RangeParser::Kind::Partial) {
        QCOMPARE(outcome.first, first);
        QCOMPARE(outcome.length, length);
    }
}

void HttpUnitTest::hmacCredential()
{
    // base64 padding survives: fields split on the first '=' only.
    const auto parsed = HmacAuth::parse(
        QStringLiteral("SREGISTRY-HMAC-SHA256 Credential=push/YWxpY2U=/20261130T04Z,Signature=9146ABCDEF"));
    QVERIFY(parsed);
    QCOMPARE(parsed->kind, QStringLiteral("push"));
    QCOMPARE(parsed->user, QStringLiteral("alice"));
    QCOMPARE(parsed->timestamp, QStringLiteral("20261130T04Z"));
    QCOMPARE(parsed->signatureHex, QByteArray("9146abcdef"));
    QVERIFY(!HmacAuth::parse(QStringLiteral("Bearer abc")));
    QVERIFY(!HmacAuth::parse(QStringLiteral("SREGISTRY-HMAC-SHA256 Credential=push,Signature=00")));
    QVERIFY(!HmacAuth::parse(QStringLiteral("SREGISTRY-HMAC-SHA256 Credential=push/!!!/20261130T04Z,Signature=00")));
    QVERIFY(!HmacAuth::parse(QStringLiteral("SREGISTRY-HMAC-SHA256 Credential=push/YWxpY2U=/20261130T04Z")));
    QVERIFY(
        !HmacAuth::parse(QStringLiteral("sregistry-hmac-sha256 Credential=push/YWxpY2U=/20261130T04Z,Signature=00")));
}

void HttpUnitTest::hmacPayloadAndTimestamp()
{
    const QDateTime when(QDate(2026, 11, 30), QTime(4, 59, 59), Qt::UTC);
    QCOMPARE(HmacAuth::timestamp(when), QStringLiteral("20261130T04Z"));
    QCOMPARE(HmacAuth::payload(QStringLiteral("pull"), QStringLiteral("c"), QStringLiteral("20261130T04Z"),
                               QStringLiteral("n"), QStringLiteral("t")),
             QByteArray("pull|c|20261130T04Z|n|t|"));
}

void HttpUnitTest::bearerSecret()
{
    QCOMPARE(BearerAuth::secretOf(QStringLiteral("BEARER abc")), std::optional<QString>(QStringLiteral("abc")));
    QCOMPARE(BearerAuth::secretOf(QStringLiteral("bearer  abc ")), std::optional<QString>(QStringLiteral("abc")));
    QCOMPARE(BearerAuth::secretOf(QStringLiteral("Token abc")), std::optional<QString>(QStringLiteral("abc")));
    QCOMPARE(BearerAuth::secretOf(QStringLiteral("abc")), std::optional<QString>(QStringLiteral("abc")));
    QVERIFY(!BearerAuth::secretOf(QStringLiteral("Basic YWxpY2U6eA==")));
    QVERIFY(!BearerAuth::secretOf(QStringLiteral("Bearer ")));
}

void HttpUnitTest::rateLimiterWindow()
{
    auto now = std::chrono::steady_clock::time_point {};
    RateLimiter limiter(3, std::chrono::seconds(60), [&] { return now; });
    QCOMPARE(limiter.retryAfter("10.0.0.1"), 0);
    for (int i = 0; i < 3; ++i) {
        limiter.recordFailure("10.0.0.1");
        now += std::chrono::seconds(10);
    }
    QCOMPARE(limiter.retryAfter("10.0.0.1"), 30); // the first failure leaves the window at t=60
    QCOMPARE(limiter.retryAfter("10.0.0.2"), 0); // per address
    now += std::chrono::seconds(30);
    QCOMPARE(limiter.retryAfter("10.0.0.1"), 0);
    RateLimiter off(0, std::chrono::seconds(60));
    for (int i = 0; i < 100; ++i)
        off.recordFailure("x");
    QCOMPARE(off.retryAfter("x"), 0);
}

void HttpUnitTest::capabilityUrls()
{
    auto now = std::chrono::steady_clock::time_point {};
    CapabilityUrls urls([&] { return now; });
    CapabilityGrant grant;
    grant.purpose = CapabilityGrant::Purpose::Upload;
    grant.imageId = 42;
    const QString token = urls.issue(grant, std::chrono::seconds(60));
    QVERIFY(CapabilityUrls::looksLikeToken(token));
    QCOMPARE(urls.find(token, CapabilityGrant::Purpose::Upload)->imageId, 42);
    QVERIFY(!urls.find(token, CapabilityGrant::Purpose::Download)); // bound to its purpose
    QVERIFY(!urls.find(token.left(42) + (token.endsWith(u'A') ? u'B' : u'A'), CapabilityGrant::Purpose::Upload));
    QVERIFY(urls.issue(grant, std::chrono::seconds(60)) != token); // unguessable: never the same twice
    now += std::chrono::seconds(61);
    QVERIFY(!urls.find(token, CapabilityGrant::Purpose::Upload)); // expired
    const QString again = urls.issue(grant, std::chrono::seconds(60));
    urls.revoke(again);
    QVERIFY(!urls.find(again, CapabilityGrant::Purpose::Upload));
}

void HttpUnitTest::accessLogRedacts()
{
    QCOMPARE(AccessLog::redactPath(QStringLiteral("/capability/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ")),
             QStringLiteral("/capability/<redacted>"));
    QCOMPARE(AccessLog::redactPath(QStringLiteral("/v1/images/a\n\"b")), QStringLiteral("/v1/images/a\\x0a\\x22b"));
    AccessEntry entry { QStringLiteral("127.0.0.1"), QStringLiteral("GET"), QStringLiteral("/version"), 200, 57, 3,
                        QStringLiteral("alice") };
    QVERIFY(AccessLog::format(entry, 0).endsWith(QStringLiteral("127.0.0.1 \"GET /version\" 200 57 3ms alice")));
}

void HttpUnitTest::libraryIds()
{
    QCOMPARE(LibraryIds::container(QStringLiteral("c"), QStringLiteral("n")), QStringLiteral("c~n"));
    QCOMPARE(LibraryIds::parseContainer(QStringLiteral("my.coll~tool_1"))->second, QStringLiteral("tool_1"));
    QVERIFY(!LibraryIds::parseContainer(QStringLiteral("c")));
    QVERIFY(!LibraryIds::parseContainer(QStringLiteral("c~../x")));
    QCOMPARE(LibraryIds::parseImage(QStringLiteral("17")), std::optional<qint64>(17));
    QVERIFY(!LibraryIds::parseImage(QStringLiteral("0")));
    QVERIFY(!LibraryIds::parseImage(QStringLiteral("-1")));
    QVERIFY(!LibraryIds::parseImage(QStringLiteral("1e3")));
    QVERIFY(!LibraryIds::parseImage(QStringLiteral("99999999999999999999")));
}

void HttpUnitTest::errorStatuses()
{
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::NotFound), 404);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::Unauthenticated), 401);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::PermissionDenied), 403);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::Frozen), 409);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::TooLarge), 413);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::NotSif), 415);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::BrokenSif), 422);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::DigestMismatch), 400);
    QCOMPARE(ErrorReplies::statusFor(ErrorCode::Unavailable), 503);
}

void HttpUnitTest::uploadSessionParts()
{
    UploadSession session;
    session.fileSize = 150;
    session.partSize = 64;
    session.totalParts = 3;
    QCOMPARE(session.sizeOfPart(1), 64);
    QCOMPARE(session.sizeOfPart(3), 22);
    QCOMPARE(session.sizeOfPart(0), -1);
    QCOMPARE(session.sizeOfPart(4), -1);
}

void HttpUnitTest::clientAddressBehindTrustedProxies()
{
    const auto request = [](const std::string& peer, std::initializer_list<std::string> forwarded) {
        httplib::Request req;
        req.remote_addr = peer;
        for (const std::string& value : forwarded)
            req.headers.emplace("X-Forwarded-For", value);
        return req;
    };
    const ClientAddress none;
    QCOMPARE(none.of(request("10.0.0.1", { "198.51.100.7" })), std::string("10.0.0.1"));

    const ClientAddress proxies({ QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), QStringLiteral("::1") });
    // Not from a proxy: the header is the caller's own claim.
    QCOMPARE(proxies.of(request("192.0.2.5", { "198.51.100.7" })), std::string("192.0.2.5"));
    // From a proxy: the right-most entry that is not a proxy; entries left of it were written by the client.
    QCOMPARE(proxies.of(request("10.0.0.1", { "6.6.6.6, 198.51.100.7" })), std::string("198.51.100.7"));
    QCOMPARE(proxies.of(request("10.0.0.1", { "6.6.6.6, 198.51.100.7, 10.0.0.2" })), std::string("198.51.100.7"));
    QCOMPARE(proxies.of(request("10.0.0.1", { "6.6.6.6", "198.51.100.7" })), std::string("198.51.100.7"));
    QCOMPARE(proxies.of(request("::1", { "2001:db8::7" })), std::string("2001:db8::7"));
    QCOMPARE(proxies.of(request("::ffff:10.0.0.1", { "198.51.100.8" })), std::string("198.51.100.8"));
    // A hop that is not an address: judged by the last hop we could read.
    QCOMPARE(proxies.of(request("10.0.0.1", { "198.51.100.7, unknown" })), std::string("10.0.0.1"));
    QCOMPARE(proxies.of(request("10.0.0.1", {})), std::string("10.0.0.1"));
    QCOMPARE(proxies.of(request("10.0.0.1", { "10.0.0.2" })), std::string("10.0.0.2"));

    QVERIFY(ClientAddress::isValidAddress(QStringLiteral("127.0.0.1")));
    QVERIFY(ClientAddress::isValidAddress(QStringLiteral("fe80::1")));
    QVERIFY(!ClientAddress::isValidAddress(QStringLiteral("proxy.example.org")));
    QVERIFY(!ClientAddress::isValidAddress(QStringLiteral("10.0.0.0/8")));
    QVERIFY(!ClientAddress::isValidAddress(QString()));
}

QTEST_GUILESS_MAIN(HttpUnitTest)
#include "HttpUnitTest.moc"
