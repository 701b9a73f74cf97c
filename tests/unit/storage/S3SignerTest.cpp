// AWS Signature Version 4 against the examples AWS publishes for S3 ("Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk" and "Authenticating Requests: Using Query
// Parameters"): the same credentials, times and requests must give the same canonical requests, strings to
// sign and signatures, byte for byte.
#include "storage/S3Signer.h"

#include <QTest>

using namespace sreg;

namespace {

const QString AccessKey = QStringLiteral("AKIAIOSFODNN7EXAMPLE");
const QByteArray SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const QByteArray Host = "examplebucket.s3.amazonaws.com";

QDateTime exampleTime()
{
    return QDateTime(QDate(2013, 5, 24), QTime(0, 0), Qt::UTC);
}

S3Signer exampleSigner()
{
    return S3Signer(S3Credentials { AccessKey, SecretKey, {} }, QStringLiteral("us-east-1"));
}

// The request as it was signed: sign() appends the Authorization header, which is not part of what it signs.
S3Signer::Request withoutAuthorization(S3Signer::Request request)
{
    request.headers.removeIf([](const HttpHeader& h) { return h.name == "Authorization"; });
    return request;
}

QByteArray header(const QList<HttpHeader>& headers, QByteArrayView name)
{
    for (const HttpHeader& h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

} // namespace

class S3SignerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getObject()
    {
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/test.txt";
        request.headers = { { "Host", Host }, { "Range", "bytes=0-9" } };
        request.payloadHash = S3Signer::EmptyPayloadHash;
        const S3Signer signer = exampleSigner();
        signer.sign(request, exampleTime());

        QByteArray signedHeaders;
        const QByteArray canonical = signer.canonicalRequest(withoutAuthorization(request), &signedHeaders);
        QCOMPARE(canonical,
                 QByteArray("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                            "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
                            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(signer.stringToSign(canonical, exampleTime()),
                 QByteArray("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"));
        QCOMPARE(header(request.headers, "Authorization"),
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        QCOMPARE(header(request.headers, "x-amz-date"), QByteArray("20130524T000000Z"));
    }

    void putObject()
    {
        S3Signer::Request request;
        request.method = "PUT";
        request.canonicalUri = "/" + S3Signer::uriEncode("test$file.text", false);
        QCOMPARE(request.canonicalUri, QByteArray("/test%24file.text"));
        request.headers = { { "Host", Host },
                            { "Date", "Fri, 24 May 2013 00:00:00 GMT" },
                            { "x-amz-storage-class", "REDUCED_REDUNDANCY" } };
        request.payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        const S3Signer signer = exampleSigner();
        signer.sign(request, exampleTime());
        QCOMPARE(signer.stringToSign(signer.canonicalRequest(withoutAuthorization(request), nullptr), exampleTime()),
                 QByteArray("AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"));
        QCOMPARE(header(request.headers, "Authorization"),
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
    }

    void getBucketLifecycle()
    {
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/";
        request.query = { { "lifecycle", "" } };
        request.headers = { { "Host", Host } };
        request.payloadHash = S3Signer::EmptyPayloadHash;
        const S3Signer signer = exampleSigner();
        signer.sign(request, exampleTime());
        QCOMPARE(header(request.headers, "Authorization"),
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                            "Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
    }

    void listObjects()
    {
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/";
        request.query = { { "prefix", "J" }, { "max-keys", "2" } }; // sorted by the signer
        request.headers = { { "Host", Host } };
        request.payloadHash = S3Signer::EmptyPayloadHash;
        const S3Signer signer = exampleSigner();
        signer.sign(request, exampleTime());
        QCOMPARE(S3Signer::canonicalQuery(request.query), QByteArray("max-keys=2&prefix=J"));
        QCOMPARE(header(request.headers, "Authorization"),
                 QByteArray("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                            "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
    }

    void presignedGet()
    {
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/test.txt";
        request.headers = { { "Host", Host } };
        const QByteArray query = exampleSigner().presignQuery(request, exampleTime(), 86400);
        QCOMPARE(query,
                 QByteArray("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                            "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
    }

    void presignIsCappedAtSevenDays()
    {
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/test.txt";
        request.headers = { { "Host", Host } };
        QVERIFY(exampleSigner().presignQuery(request, exampleTime(), 30 * 86400).contains("X-Amz-Expires=604800"));
    }

    void sessionTokenIsSigned()
    {
        S3Signer signer(S3Credentials { AccessKey, SecretKey, "token/with+chars=" }, QStringLiteral("us-east-1"));
        S3Signer::Request request;
        request.method = "GET";
        request.canonicalUri = "/test.txt";
        request.headers = { { "Host", Host } };
        request.payloadHash = S3Signer::UnsignedPayload;
        signer.sign(request, exampleTime());
        QCOMPARE(header(request.headers, "x-amz-security-token"), QByteArray("token/with+chars="));
        QVERIFY(header(request.headers, "Authorization").contains("x-amz-security-token"));
        QVERIFY(
            signer.presignQuery(request, exampleTime(), 60).contains("X-Amz-Security-Token=token%2Fwith%2Bchars%3D"));
    }

    void uriEncoding()
    {
        QCOMPARE(S3Signer::uriEncode("a b/c~d_e.f-g", false), QByteArray("a%20b/c~d_e.f-g"));
        QCOMPARE(S3Signer::uriEncode("a b/c", true), QByteArray("a%20b%2Fc"));
        QCOMPARE(S3Signer::uriEncode("test:tester", true), QByteArray("test%3Atester")); // Swift's s3api keys
        QCOMPARE(S3Signer::uriEncode("\xc3\xa9*+", true), QByteArray("%C3%A9%2A%2B"));
        QCOMPARE(S3Signer::canonicalQuery({ { "uploads", "" } }), QByteArray("uploads="));
        QCOMPARE(S3Signer::canonicalQuery({ { "b", "2" }, { "a", "x y" }, { "a", "1" } }),
                 QByteArray("a=1&a=x%20y&b=2"));
    }

    void headerValuesAreCanonical()
    {
        S3Signer::Request spaced;
        spaced.method = "GET";
        spaced.canonicalUri = "/";
        spaced.headers = { { "Host", Host }, { "X-Amz-Meta-Note", "  two   spaces  " } };
        spaced.payloadHash = S3Signer::EmptyPayloadHash;
        QByteArray names;
        const QByteArray canonical = exampleSigner().canonicalRequest(spaced, &names);
        QVERIFY(canonical.contains("x-amz-meta-note:two spaces\n"));
        QCOMPARE(names, QByteArray("host;x-amz-meta-note"));
    }
};

QTEST_GUILESS_MAIN(S3SignerTest)
#include "S3SignerTest.moc"
