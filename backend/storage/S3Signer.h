#pragma once

#include "StorageHttpClient.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <mutex>

namespace sreg {

struct S3Credentials
{
    QString accessKeyId; // may contain ':' (Swift's s3api uses "account:user")
    QByteArray secretAccessKey; // never logged, never in a message
    QByteArray sessionToken; // temporary credentials (STS); empty for long-lived keys
};

// AWS Signature Version 4 for S3 (HMAC-SHA256 over OpenSSL), both forms: the Authorization header and the
// presigned URL (query-string authentication). Written from the AWS "Signature Version 4 signing process"
// documentation and checked against its published S3 examples in tests/unit/storage/S3SignerTest.
//
// The caller hands over the request exactly as it will be sent: the canonical URI is the encoded path on the
// wire (S3 does not encode it twice), the query as decoded name/value pairs (encoded and sorted here), and
// every header to sign. Thread-safe; the derived signing key is cached per day.
class S3Signer final
{
public:
    using QueryItems = QList<QPair<QByteArray, QByteArray>>;

    struct Request
    {
        QByteArray method;
        QByteArray canonicalUri; // "/bucket/key%20name": already encoded, '/' kept
        QueryItems query; // decoded names and values
        QList<HttpHeader> headers; // Host must be among them; signing adds x-amz-date and friends
        QByteArray payloadHash; // hex SHA-256 of the body, or "UNSIGNED-PAYLOAD"
    };

    static constexpr const char* EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static constexpr const char* UnsignedPayload = "UNSIGNED-PAYLOAD";

    S3Signer(S3Credentials credentials, QString region, QString service = QStringLiteral("s3"));

    // Percent-encodes as SigV4 wants: everything but A-Z a-z 0-9 - . _ ~ (and '/' unless encodeSlash).
    static QByteArray uriEncode(QByteArrayView bytes, bool encodeSlash);
    // "a=1&b=" with names and values encoded, sorted by name then value.
    static QByteArray canonicalQuery(const QueryItems& query);
    // "20130524T000000Z"
    static QByteArray amzDate(const QDateTime& time);

    // Adds x-amz-date, x-amz-content-sha256 (and x-amz-security-token) to request.headers, then the
    // Authorization header.
    void sign(Request& request, const QDateTime& now) const;
    // The whole query string of a presigned URL (request.query plus the X-Amz-* parameters and the signature).
    // Only Host is signed, so any client can use the URL; validity is capped at S3's maximum of 7 days.
    QByteArray presignQuery(const Request& request, const QDateTime& now, qint64 validitySeconds) const;

    // The steps, public for the tests that compare them with the published examples.
    QByteArray canonicalRequest(const Request& request, QByteArray* signedHeaders) const;
    QByteArray stringToSign(const QByteArray& canonicalRequest, const QDateTime& now) const;
    QByteArray signature(const QByteArray& stringToSign, const QDateTime& now) const;

    const QString& accessKeyId() const { return m_credentials.accessKeyId; }
    const QString& region() const { return m_region; }

private:
    QByteArray scope(const QDateTime& now) const;
    QByteArray signingKey(const QByteArray& day) const;

    S3Credentials m_credentials;
    QString m_region;
    QString m_service;
    mutable std::mutex m_mutex;
    mutable QByteArray m_keyDay;
    mutable QByteArray m_key;
};

} // namespace sreg
