#include "S3Client.h"

#include "RangedRead.h"
#include "S3Xml.h"
#include "common/Sha256.h"

#include <QDateTime>
#include <QSet>

namespace sreg {
namespace {

const QSet<QString>& credentialCodes()
{
    static const QSet<QString> codes {
        QStringLiteral("SignatureDoesNotMatch"), QStringLiteral("InvalidAccessKeyId"),
        QStringLiteral("InvalidToken"),          QStringLiteral("ExpiredToken"),
        QStringLiteral("InvalidSecurity"),       QStringLiteral("TokenRefreshRequired")
    };
    return codes;
}

const QSet<QString>& transientCodes()
{
    static const QSet<QString> codes { QStringLiteral("SlowDown"),         QStringLiteral("RequestTimeout"),
                                       QStringLiteral("InternalError"),    QStringLiteral("ServiceUnavailable"),
                                       QStringLiteral("OperationAborted"), QStringLiteral("RequestTimeTooSkewed") };
    return codes;
}

} // namespace

S3Client::S3Client(Options options) : m_options(std::move(options)), m_signer(m_options.credentials, m_options.region)
{
    StorageHttpClient::Options http;
    QUrl origin = m_options.endpoint;
    if (m_options.addressing == Addressing::VirtualHosted)
        origin.setHost(m_options.bucket + u'.' + origin.host());
    http.origin = origin;
    http.verifyTls = m_options.verifyTls;
    http.caFile = m_options.caFile;
    m_http = std::make_unique<StorageHttpClient>(http);
}

Result<std::unique_ptr<S3Client>> S3Client::create(Options options)
{
    const QUrl& url = options.endpoint;
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the S3 endpoint must be an http:// or https:// URL, not '%1'")
                         .arg(url.toString(QUrl::RemoveUserInfo)));
    if (options.bucket.isEmpty() || options.bucket.contains(u'/'))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no valid S3 bucket name given"));
    if (options.region.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no S3 region given"));
    if (options.credentials.accessKeyId.isEmpty() || options.credentials.secretAccessKey.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the S3 access key id and secret are both needed (the secret comes from the "
                                    "keychain, the secrets file or SREGISTRY_STORAGE_SECRET)"));
    return std::unique_ptr<S3Client>(new S3Client(std::move(options)));
}

QString S3Client::describe() const
{
    return QStringLiteral("%1 %2/%3")
        .arg(m_options.gcs ? QStringLiteral("gcs") : QStringLiteral("s3"),
             m_options.endpoint.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::StripTrailingSlash),
             m_options.bucket);
}

QByteArray S3Client::canonicalUri(const QString& key) const
{
    QByteArray path = "/";
    if (m_options.addressing == Addressing::Path) {
        path += S3Signer::uriEncode(m_options.bucket.toUtf8(), true);
        if (!key.isEmpty())
            path += '/';
    }
    return path + S3Signer::uriEncode(key.toUtf8(), false);
}

S3Signer::Request S3Client::signable(const Call& call, const QByteArray& payloadHash) const
{
    S3Signer::Request request;
    request.method = call.method;
    request.canonicalUri = canonicalUri(call.key);
    request.query = call.query;
    request.headers = call.headers;
    request.headers.push_back({ "host", m_http->hostHeader() });
    request.payloadHash = payloadHash;
    return request;
}

Result<StorageHttpResponse> S3Client::attempt(const Call& call, const QString& what, bool& transient)
{
    QByteArray payloadHash = S3Signer::EmptyPayloadHash;
    if (call.size > 0)
        payloadHash = m_options.signPayload ? Sha256::of(QByteArrayView(call.body, call.size)).hex().toLatin1()
                                            : QByteArray(S3Signer::UnsignedPayload);
    S3Signer::Request signedRequest = signable(call, payloadHash);
    m_signer.sign(signedRequest, QDateTime::currentDateTimeUtc());

    StorageHttpRequest request;
    request.method = call.method;
    request.target = signedRequest.canonicalUri;
    const QByteArray query = S3Signer::canonicalQuery(call.query);
    if (!query.isEmpty())
        request.target += '?' + query;
    request.headers = signedRequest.headers;
    request.body = call.body;
    request.bodySize = call.size;
    request.receiver = call.receiver;
    request.onStatus = call.onStatus;
    Result<StorageHttpResponse> response = m_http->send(request);
    if (!response) {
        transient = response.error().code() == ErrorCode::Unavailable
            && !response.error().message().contains(QStringLiteral("not trusted"));
        return response.error().prefixed(describe() + QStringLiteral(": ") + what);
    }
    if (!response->ok())
        return failure(*response, what, transient);
    return response;
}

Result<StorageHttpResponse> S3Client::perform(const Call& call, const QString& what)
{
    return m_options.retry.run<StorageHttpResponse>([&](bool& transient) { return attempt(call, what, transient); });
}

Error S3Client::failure(const StorageHttpResponse& response, const QString& what, bool& transient) const
{
    const std::optional<S3Xml::ErrorInfo> info = S3Xml::error(response.body);
    const QString code = info ? info->code : QString();
    QString detail = QStringLiteral("HTTP %1").arg(response.status);
    if (!code.isEmpty())
        detail += u' ' + code;
    if (info && !info->message.isEmpty())
        detail += QStringLiteral(" (%1)").arg(info->message.left(300));
    const QString where = describe() + QStringLiteral(": ") + what + QStringLiteral(": ");
    const int status = response.status;

    if (code == u"RequestTimeTooSkewed")
        return Error(ErrorCode::Unavailable,
                     where
                         + QStringLiteral("this computer's clock differs from the store's by more than 15 minutes; "
                                          "set the clock right (")
                         + detail + u')');
    if (status >= 500 || status == 429 || transientCodes().contains(code)) {
        transient = true;
        return Error(ErrorCode::Unavailable, where + detail);
    }
    if (credentialCodes().contains(code) || status == 401 || (status == 403 && code.isEmpty()))
        return Error(ErrorCode::Unavailable,
                     where
                         + QStringLiteral("the store refused the credentials of access key '%1' (%2); check the "
                                          "access key id and its secret")
                               .arg(m_options.credentials.accessKeyId, detail));
    if (status == 403)
        return Error(ErrorCode::Unavailable,
                     where
                         + QStringLiteral("access key '%1' is not allowed to do this (%2)")
                               .arg(m_options.credentials.accessKeyId, detail));
    if (code == u"AuthorizationHeaderMalformed" || status == 301 || status == 307) {
        const QByteArray region = response.header("x-amz-bucket-region");
        return Error(
            ErrorCode::Unavailable,
            where
                + QStringLiteral("the bucket is in another region%1; set the region (%2)")
                      .arg(region.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QString::fromLatin1(region)),
                           detail));
    }
    if (code == u"NoSuchBucket")
        return Error(ErrorCode::Unavailable,
                     where + QStringLiteral("bucket '%1' does not exist (create it first)").arg(m_options.bucket));
    if (status == 404)
        return Error(ErrorCode::NotFound, where + detail);
    if (status == 412)
        return Error(ErrorCode::AlreadyExists, where + detail);
    if (status == 400 || status == 409 || status == 416)
        return Error(ErrorCode::InvalidArgument, where + detail);
    return Error(ErrorCode::Internal, where + detail);
}

Status S3Client::checkBucket()
{
    Call call;
    call.method = "GET";
    call.query = { { "max-keys", "1" }, { "prefix", "sregistry-check" } };
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("listing the bucket"));
    if (!response)
        return response.error().code() == ErrorCode::NotFound
            ? Error(ErrorCode::Unavailable, response.error().message() + QStringLiteral(" (does the bucket exist?)"))
            : response.error();
    return {};
}

Result<ObjectInfo> S3Client::head(const QString& key)
{
    Call call;
    call.method = "HEAD";
    call.key = key;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("looking up %1").arg(key));
    if (!response)
        return response.error();
    return response->objectInfo(key, describe());
}

Result<QByteArray> S3Client::putObject(const QString& key, const char* data, qint64 size)
{
    Call call;
    call.method = "PUT";
    call.key = key;
    call.body = data;
    call.size = size;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("storing %1").arg(key));
    if (!response)
        return response.error();
    return response->etag();
}

Result<qint64> S3Client::readRange(const QString& key, qint64 offset, qint64 length, char* buffer)
{
    if (offset < 0 || length < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
    if (length == 0)
        return qint64(0);
    RangedRead read(offset, length, buffer);
    const QString what = QStringLiteral("reading %1").arg(key);
    return m_options.retry.run<qint64>([&](bool& transient) -> Result<qint64> {
        Call call;
        call.method = "GET";
        call.key = key;
        call.headers.push_back({ "Range", read.rangeHeader() });
        call.onStatus = [&read](int status) { read.onStatus(status); };
        call.receiver = [&read](const char* data, size_t size) { return read.receive(data, size); };
        Result<StorageHttpResponse> response = attempt(call, what, transient);
        return response ? Result<qint64>(read.done()) : read.afterFailure(response.error());
    });
}

Result<QByteArray> S3Client::getObject(const QString& key, qint64 maxSize)
{
    Call call;
    call.method = "GET";
    call.key = key;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("reading %1").arg(key));
    if (!response)
        return response.error();
    if (response->body.size() > maxSize)
        return Error(ErrorCode::TooLarge, QStringLiteral("%1: %2 is larger than expected").arg(describe(), key));
    return response->body;
}

Status S3Client::removeObject(const QString& key)
{
    Call call;
    call.method = "DELETE";
    call.key = key;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("removing %1").arg(key));
    if (!response && response.error().code() != ErrorCode::NotFound)
        return response.error();
    return {};
}

Status S3Client::list(const QString& prefix, const std::function<bool(const ObjectInfo&)>& visit)
{
    QString marker;
    for (;;) {
        Call call;
        call.method = "GET";
        call.query = { { "prefix", prefix.toUtf8() }, { "max-keys", "1000" } };
        if (!marker.isEmpty())
            call.query.push_back({ "marker", marker.toUtf8() });
        Result<StorageHttpResponse> response = perform(call, QStringLiteral("listing %1").arg(prefix));
        if (!response)
            return response.error();
        const std::optional<S3Xml::Document> document = S3Xml::parse(response->body, QStringLiteral("Contents"));
        if (!document || document->root != u"ListBucketResult")
            return Error(ErrorCode::Internal, QStringLiteral("%1: unreadable listing of %2").arg(describe(), prefix));
        for (const QMap<QString, QString>& record : document->records) {
            ObjectInfo info;
            info.key = record.value(QStringLiteral("Key"));
            info.size = record.value(QStringLiteral("Size")).toLongLong();
            info.modifiedMs = S3Xml::parseTime(record.value(QStringLiteral("LastModified")));
            info.etag = unquotedEtag(record.value(QStringLiteral("ETag")).toUtf8());
            marker = info.key;
            if (!info.key.startsWith(prefix))
                continue;
            if (!visit(info))
                return {};
        }
        const QString next = document->fields.value(QStringLiteral("NextMarker"));
        if (!next.isEmpty())
            marker = next;
        if (document->fields.value(QStringLiteral("IsTruncated")) != u"true" || document->records.isEmpty())
            return {};
    }
}

} // namespace sreg
