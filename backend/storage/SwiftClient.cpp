#include "SwiftClient.h"

#include "RangedRead.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <openssl/evp.h>

namespace sreg {
namespace {

QByteArray md5Hex(const char* data, qint64 size)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data, size_t(size), digest, &length, EVP_md5(), nullptr);
    return QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex();
}

// Swift lists times in UTC without a zone ("2016-02-11T10:52:31.386960").
qint64 listingTime(const QString& text)
{
    QDateTime time = QDateTime::fromString(text.left(23), QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    if (!time.isValid())
        time = QDateTime::fromString(text.left(19), QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (!time.isValid())
        return 0;
    time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}

} // namespace

SwiftClient::SwiftClient(Options options) : m_options(std::move(options)), m_auth(m_options.auth) { }

SwiftClient::~SwiftClient() = default;

Result<std::unique_ptr<SwiftClient>> SwiftClient::create(Options options)
{
    const QUrl& url = options.auth.authUrl;
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the Swift auth URL must be an http:// or https:// URL, not '%1'")
                         .arg(url.toString(QUrl::RemoveUserInfo)));
    if (options.container.isEmpty() || options.container.contains(u'/'))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no valid Swift container name given"));
    if (options.auth.secret.isEmpty())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("no Swift key, password or application credential secret (it comes from the "
                                    "keychain, the secrets file or SREGISTRY_STORAGE_SECRET)"));
    const bool applicationCredential = options.auth.method == SwiftAuth::Method::KeystoneApplicationCredential;
    if (applicationCredential ? options.auth.applicationCredentialId.isEmpty() : options.auth.user.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no Swift user (or application credential id) given"));
    return std::unique_ptr<SwiftClient>(new SwiftClient(std::move(options)));
}

QString SwiftClient::describe() const
{
    return QStringLiteral("swift container %1 (%2)").arg(m_options.container, m_auth.describe());
}

std::shared_ptr<StorageHttpClient> SwiftClient::httpFor(const QUrl& storageUrl)
{
    QUrl origin;
    origin.setScheme(storageUrl.scheme());
    origin.setHost(storageUrl.host());
    origin.setPort(storageUrl.port());
    std::lock_guard lock(m_mutex);
    if (!m_http || origin != m_origin) {
        m_http = std::make_shared<StorageHttpClient>(
            StorageHttpClient::Options { origin, m_options.auth.verifyTls, m_options.auth.caFile });
        m_origin = origin;
    }
    return m_http;
}

QByteArray SwiftClient::objectPath(const QUrl& storageUrl, const QString& key) const
{
    QByteArray path = storageUrl.path(QUrl::FullyEncoded).toLatin1();
    while (path.endsWith('/'))
        path.chop(1);
    path += '/' + QUrl::toPercentEncoding(m_options.container);
    if (!key.isEmpty())
        path += '/' + QUrl::toPercentEncoding(key, "/");
    return path;
}

Result<StorageHttpResponse> SwiftClient::attempt(const Call& call, const QString& what, bool& transient)
{
    Result<SwiftAuth::Session> session = m_auth.session();
    if (!session)
        return session.error(); // already retried by SwiftAuth
    const std::shared_ptr<StorageHttpClient> http = httpFor(session->storageUrl);
    StorageHttpRequest request;
    request.method = call.method;
    request.target = objectPath(session->storageUrl, call.key);
    if (!call.query.isEmpty())
        request.target += '?' + call.query;
    request.headers = call.headers;
    request.headers.push_back({ "Host", http->hostHeader() });
    request.headers.push_back({ "X-Auth-Token", session->token });
    request.body = call.body;
    request.bodySize = call.size;
    request.contentType = call.contentType;
    request.receiver = call.receiver;
    request.onStatus = call.onStatus;
    Result<StorageHttpResponse> response = http->send(request);
    if (!response) {
        transient = response.error().code() == ErrorCode::Unavailable
            && !response.error().message().contains(QStringLiteral("not trusted"));
        return response.error().prefixed(describe() + QStringLiteral(": ") + what);
    }
    if (response->status == 401) {
        // The token was revoked or forgotten: sign in again, once more, before calling it a refusal.
        m_auth.invalidate(session->token);
        transient = true;
    }
    if (!response->ok())
        return failure(call, *response, what, transient);
    return response;
}

Result<StorageHttpResponse> SwiftClient::perform(const Call& call, const QString& what)
{
    return m_options.retry.run<StorageHttpResponse>([&](bool& transient) { return attempt(call, what, transient); });
}

Error SwiftClient::failure(const Call& call, const StorageHttpResponse& response, const QString& what,
                           bool& transient) const
{
    const int status = response.status;
    const QString where = describe() + QStringLiteral(": ") + what + QStringLiteral(": ");
    const QString body = QString::fromUtf8(response.body.left(300)).simplified();
    const QString detail = QStringLiteral("HTTP %1%2").arg(status).arg(body.isEmpty() ? QString() : u' ' + body);
    if (status >= 500 || status == 429 || status == 498 || status == 422) { // 422: the bytes arrived damaged
        transient = true;
        return Error(ErrorCode::Unavailable, where + detail);
    }
    if (status == 401)
        return Error(ErrorCode::Unavailable, where + QStringLiteral("Swift refused the token (%1)").arg(detail));
    if (status == 403)
        return Error(ErrorCode::Unavailable, where + QStringLiteral("not allowed (%1)").arg(detail));
    if (status == 404 && (call.key.isEmpty() || call.method == "PUT" || call.method == "POST"))
        return Error(ErrorCode::Unavailable,
                     where
                         + QStringLiteral("container '%1' does not exist (create it first)").arg(m_options.container));
    if (status == 404)
        return Error(ErrorCode::NotFound, where + detail);
    if (status == 412)
        return Error(ErrorCode::AlreadyExists, where + detail);
    if (status == 400 || status == 409 || status == 411 || status == 413 || status == 416)
        return Error(ErrorCode::InvalidArgument, where + detail);
    return Error(ErrorCode::Internal, where + detail);
}

Status SwiftClient::checkContainer()
{
    Call call;
    call.method = "HEAD";
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("looking up the container"));
    return response ? Status() : Status(response.error());
}

Status SwiftClient::createContainer()
{
    Call call;
    call.method = "PUT";
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("creating the container"));
    return response ? Status() : Status(response.error());
}

Status SwiftClient::deleteContainer()
{
    Call call;
    call.method = "DELETE";
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("deleting the container"));
    if (!response && !response.error().message().contains(QStringLiteral("does not exist")))
        return response.error();
    return {};
}

Result<ObjectInfo> SwiftClient::head(const QString& key)
{
    Call call;
    call.method = "HEAD";
    call.key = key;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("looking up %1").arg(key));
    if (!response)
        return response.error();
    return response->objectInfo(key, describe());
}

Result<QByteArray> SwiftClient::putObject(const QString& key, const char* data, qint64 size)
{
    Call call;
    call.method = "PUT";
    call.key = key;
    call.body = data;
    call.size = size;
    call.contentType = "application/octet-stream";
    const QByteArray md5 = md5Hex(data, size);
    call.headers.push_back({ "ETag", md5 });
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("storing %1").arg(key));
    if (!response)
        return response.error();
    return md5;
}

Result<qint64> SwiftClient::readRange(const QString& key, qint64 offset, qint64 length, char* buffer)
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

Result<QByteArray> SwiftClient::getObject(const QString& key, qint64 maxSize)
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

Status SwiftClient::removeObject(const QString& key)
{
    // A large object goes with its segments; Swift answers such a delete with a report (200 even when it
    // failed), and refuses it for a plain object ("Not an SLO manifest"), which is then deleted plainly.
    Call call;
    call.method = "DELETE";
    call.key = key;
    call.query = "multipart-manifest=delete";
    call.headers.push_back({ "Accept", "application/json" });
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("removing %1").arg(key));
    if (!response)
        return response.error().code() == ErrorCode::NotFound ? Status() : Status(response.error());
    const QJsonObject report = QJsonDocument::fromJson(response->body).object();
    const QString status = report.value(QStringLiteral("Response Status")).toString();
    if (status.isEmpty() || status.startsWith(u"200") || status.startsWith(u"404"))
        return {};
    const QByteArray errors
        = QJsonDocument(report.value(QStringLiteral("Errors")).toArray()).toJson(QJsonDocument::Compact);
    if (!errors.contains("Not an SLO manifest"))
        return Error(
            status.startsWith(u'5') ? ErrorCode::Unavailable : ErrorCode::Internal,
            QStringLiteral("%1: removing %2: %3 %4").arg(describe(), key, status, QString::fromUtf8(errors.left(300))));
    call.query.clear();
    call.headers.clear();
    response = perform(call, QStringLiteral("removing %1").arg(key));
    if (!response && response.error().code() != ErrorCode::NotFound)
        return response.error();
    return {};
}

Status SwiftClient::removePlain(const QString& key)
{
    Call call;
    call.method = "DELETE";
    call.key = key;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("removing %1").arg(key));
    if (!response && response.error().code() != ErrorCode::NotFound)
        return response.error();
    return {};
}

Status SwiftClient::list(const QString& prefix, const std::function<bool(const ObjectInfo&)>& visit)
{
    QString marker;
    for (;;) {
        Call call;
        call.method = "GET";
        call.query = "format=json&limit=10000&prefix=" + QUrl::toPercentEncoding(prefix);
        if (!marker.isEmpty())
            call.query += "&marker=" + QUrl::toPercentEncoding(marker);
        Result<StorageHttpResponse> response = perform(call, QStringLiteral("listing %1").arg(prefix));
        if (!response)
            return response.error();
        const QJsonDocument document = QJsonDocument::fromJson(response->body);
        if (!document.isArray())
            return Error(ErrorCode::Internal, QStringLiteral("%1: unreadable listing of %2").arg(describe(), prefix));
        const QJsonArray entries = document.array();
        for (const QJsonValue& value : entries) {
            const QJsonObject entry = value.toObject();
            ObjectInfo info;
            info.key = entry.value(QStringLiteral("name")).toString();
            info.size = entry.value(QStringLiteral("bytes")).toInteger(-1);
            // A large object's manifest is listed with the manifest's size; its content size is swift_bytes.
            const QString type = entry.value(QStringLiteral("content_type")).toString();
            const qsizetype at = type.indexOf(QStringLiteral(";swift_bytes="));
            if (at >= 0)
                info.size = type.mid(at + 13).section(u';', 0, 0).toLongLong();
            info.modifiedMs = listingTime(entry.value(QStringLiteral("last_modified")).toString());
            info.etag = entry.value(QStringLiteral("hash")).toString().toLatin1();
            marker = info.key;
            if (!visit(info))
                return {};
        }
        if (entries.isEmpty())
            return {};
    }
}

Status SwiftClient::putManifest(const QString& key, const QList<Segment>& segments, bool onlyIfAbsent)
{
    QJsonArray manifest;
    for (const Segment& segment : segments)
        manifest.append(QJsonObject { { QStringLiteral("path"), u'/' + m_options.container + u'/' + segment.key },
                                      { QStringLiteral("etag"), QString::fromLatin1(segment.etag) },
                                      { QStringLiteral("size_bytes"), segment.size } });
    const QByteArray body = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
    Call call;
    call.method = "PUT";
    call.key = key;
    call.query = "multipart-manifest=put";
    call.body = body.constData();
    call.size = body.size();
    call.contentType = "application/octet-stream"; // the large object's type, not the manifest's
    if (onlyIfAbsent)
        call.headers.push_back({ "If-None-Match", "*" });
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("writing the manifest of %1").arg(key));
    return response ? Status() : Status(response.error());
}

Result<QStringList> SwiftClient::manifestSegments(const QString& key)
{
    Call call;
    call.method = "GET";
    call.key = key;
    call.query = "multipart-manifest=get&format=raw";
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("reading the manifest of %1").arg(key));
    if (!response)
        return response.error();
    if (response->header("x-static-large-object").toLower() != "true")
        return QStringList();
    QStringList keys;
    const QString prefix = u'/' + m_options.container + u'/';
    for (const QJsonValue& value : QJsonDocument::fromJson(response->body).array()) {
        const QString path = value.toObject().value(QStringLiteral("path")).toString();
        if (path.startsWith(prefix))
            keys.append(path.mid(prefix.size()));
    }
    return keys;
}

} // namespace sreg
