#include "S3Signer.h"

#include "common/Sha256.h"

#include <algorithm>

namespace sreg {
namespace {

constexpr qint64 MaxPresignSeconds = 7 * 24 * 3600;

bool unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

// Header values are trimmed and inner runs of spaces collapsed to one, as the canonical form requires.
QByteArray canonicalValue(const QByteArray& value)
{
    return value.simplified();
}

QByteArray hexSha256(const QByteArray& bytes)
{
    return Sha256::of(bytes).hex().toLatin1();
}

} // namespace

S3Signer::S3Signer(S3Credentials credentials, QString region, QString service)
    : m_credentials(std::move(credentials)), m_region(std::move(region)), m_service(std::move(service))
{
}

QByteArray S3Signer::uriEncode(QByteArrayView bytes, bool encodeSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        if (unreserved(c) || (c == '/' && !encodeSlash)) {
            out.append(c);
        } else {
            out.append('%');
            out.append(hex[(uchar(c) >> 4) & 15]);
            out.append(hex[uchar(c) & 15]);
        }
    }
    return out;
}

QByteArray S3Signer::canonicalQuery(const QueryItems& query)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto& [name, value] : query)
        encoded.push_back({ uriEncode(name, true), uriEncode(value, true) });
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto& [name, value] : encoded) {
        if (!out.isEmpty())
            out.append('&');
        out.append(name).append('=').append(value);
    }
    return out;
}

QByteArray S3Signer::amzDate(const QDateTime& time)
{
    return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray S3Signer::scope(const QDateTime& now) const
{
    return amzDate(now).left(8) + '/' + m_region.toUtf8() + '/' + m_service.toUtf8() + "/aws4_request";
}

QByteArray S3Signer::canonicalRequest(const Request& request, QByteArray* signedHeaders) const
{
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const HttpHeader& header : request.headers)
        headers.push_back({ header.name.toLower().trimmed(), canonicalValue(header.value) });
    std::stable_sort(headers.begin(), headers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QByteArray canonicalHeaders;
    QByteArray names;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        // A header sent twice is signed once, its values joined by commas.
        if (i > 0 && headers[i].first == headers[i - 1].first) {
            canonicalHeaders.chop(1);
            canonicalHeaders.append(',').append(headers[i].second).append('\n');
            continue;
        }
        canonicalHeaders.append(headers[i].first).append(':').append(headers[i].second).append('\n');
        if (!names.isEmpty())
            names.append(';');
        names.append(headers[i].first);
    }
    if (signedHeaders)
        *signedHeaders = names;
    return request.method + '\n' + request.canonicalUri + '\n' + canonicalQuery(request.query) + '\n' + canonicalHeaders
        + '\n' + names + '\n' + request.payloadHash;
}

QByteArray S3Signer::stringToSign(const QByteArray& canonicalRequest, const QDateTime& now) const
{
    return QByteArray("AWS4-HMAC-SHA256\n") + amzDate(now) + '\n' + scope(now) + '\n' + hexSha256(canonicalRequest);
}

QByteArray S3Signer::signingKey(const QByteArray& day) const
{
    std::lock_guard lock(m_mutex);
    if (m_keyDay != day) {
        const QByteArray dateKey = Sha256::hmac(QByteArray("AWS4") + m_credentials.secretAccessKey, day);
        const QByteArray regionKey = Sha256::hmac(dateKey, m_region.toUtf8());
        const QByteArray serviceKey = Sha256::hmac(regionKey, m_service.toUtf8());
        m_key = Sha256::hmac(serviceKey, "aws4_request");
        m_keyDay = day;
    }
    return m_key;
}

QByteArray S3Signer::signature(const QByteArray& stringToSign, const QDateTime& now) const
{
    return Sha256::hmac(signingKey(amzDate(now).left(8)), stringToSign).toHex();
}

void S3Signer::sign(Request& request, const QDateTime& now) const
{
    request.headers.push_back({ "x-amz-date", amzDate(now) });
    request.headers.push_back({ "x-amz-content-sha256", request.payloadHash });
    if (!m_credentials.sessionToken.isEmpty())
        request.headers.push_back({ "x-amz-security-token", m_credentials.sessionToken });
    QByteArray signedHeaders;
    const QByteArray canonical = canonicalRequest(request, &signedHeaders);
    const QByteArray authorization = "AWS4-HMAC-SHA256 Credential=" + m_credentials.accessKeyId.toUtf8() + '/'
        + scope(now) + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature(stringToSign(canonical, now), now);
    request.headers.push_back({ "Authorization", authorization });
}

QByteArray S3Signer::presignQuery(const Request& request, const QDateTime& now, qint64 validitySeconds) const
{
    Request presigned = request;
    presigned.payloadHash = UnsignedPayload;
    presigned.headers.removeIf(
        [](const HttpHeader& header) { return header.name.compare("host", Qt::CaseInsensitive) != 0; });
    presigned.query.push_back({ "X-Amz-Algorithm", "AWS4-HMAC-SHA256" });
    presigned.query.push_back({ "X-Amz-Credential", m_credentials.accessKeyId.toUtf8() + '/' + scope(now) });
    presigned.query.push_back({ "X-Amz-Date", amzDate(now) });
    presigned.query.push_back(
        { "X-Amz-Expires", QByteArray::number(std::clamp<qint64>(validitySeconds, 1, MaxPresignSeconds)) });
    if (!m_credentials.sessionToken.isEmpty())
        presigned.query.push_back({ "X-Amz-Security-Token", m_credentials.sessionToken });
    presigned.query.push_back({ "X-Amz-SignedHeaders", "host" });
    const QByteArray canonical = canonicalRequest(presigned, nullptr);
    return canonicalQuery(presigned.query) + "&X-Amz-Signature=" + signature(stringToSign(canonical, now), now);
}

} // namespace sreg
