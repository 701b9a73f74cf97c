#include "LibraryUploader.h"

#include "RemoteErrors.h"
#include "RemoteHttp.h"
#include "common/Sha256.h"
#include "storage/RetryPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <thread>

namespace sreg::remote {

namespace {

constexpr int PartAttempts = 6;

QString unquoted(QString token)
{
    token = token.trimmed();
    if (token.size() >= 2 && token.startsWith(u'"') && token.endsWith(u'"'))
        token = token.mid(1, token.size() - 2);
    return token;
}

bool signsContentSha256(const QString& url)
{
    const QString signedHeaders = QUrlQuery(QUrl(url)).queryItemValue(QStringLiteral("X-Amz-SignedHeaders"));
    return signedHeaders.contains(QStringLiteral("x-amz-content-sha256"), Qt::CaseInsensitive);
}

} // namespace

LibraryUploader::LibraryUploader(RemoteHttp& http, bool serverListsParts)
    : m_http(http)
    , m_serverListsParts(serverListsParts)
{
}

Result<QJsonObject> LibraryUploader::json(const QByteArray& method, const QString& path, const QJsonObject& body,
                                          const QString& what)
{
    RemoteRequest request;
    request.method = method;
    request.target = path;
    if (method != "GET")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    // Every call here may be repeated: a second upload URL, the same multipart session, the same part's URL.
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error().prefixed(what);
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, what);
    return reply->json().value(QStringLiteral("data")).toObject();
}

Status LibraryUploader::upload(const QString& imageId, const Digest& digest, ByteSource& source,
                               const ProgressCallback& progress)
{
    if (m_serverListsParts && source.size() > MultipartThreshold) {
        Result<std::optional<Session>> session = startMultipart(imageId, source.size());
        if (!session)
            return session.error();
        if (*session)
            return multipart(imageId, **session, source, progress);
    }
    return single(imageId, digest, source, progress);
}

Result<QByteArray> LibraryUploader::putBytes(const QString& url, ByteSource& source, qint64 offset, qint64 size,
                                             const HeaderList& headers, Digest* digest,
                                             const std::function<bool(qint64)>& sent)
{
    Sha256 hasher;
    bool cancelled = false;
    RemoteRequest request;
    request.method = "PUT";
    request.target = url;
    request.authorize = false; // the URL is the credential (and may belong to an object store)
    request.headers = headers;
    request.contentType = "application/octet-stream";
    request.streamSize = size;
    request.streamReader = [&](qint64 at, char* buffer, qint64 capacity) -> Result<qint64> {
        Result<qint64> got = source.readAt(offset + at, buffer, std::min(capacity, size - at));
        if (!got)
            return got;
        hasher.update(buffer, size_t(*got));
        if (!sent(at + *got)) {
            cancelled = true;
            return Error(ErrorCode::Cancelled, QStringLiteral("the upload was cancelled"));
        }
        return got;
    };
    Result<RemoteReply> reply = m_http.send(request);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return RemoteErrors::fromReply(*reply, QStringLiteral("upload bytes %1-%2").arg(offset).arg(offset + size));
    if (digest)
        *digest = hasher.finish();
    (void)cancelled;
    return reply->header("ETag");
}

Status LibraryUploader::single(const QString& imageId, const Digest& digest, ByteSource& source,
                               const ProgressCallback& progress)
{
    const qint64 size = source.size();
    RetryPolicy retry;
    retry.maxAttempts = PartAttempts;
    Result<bool> sent = retry.run<bool>([&](bool& transient) -> Result<bool> {
        Result<QJsonObject> url = json("POST", QStringLiteral("/v2/imagefile/%1").arg(imageId),
                                       QJsonObject { { QStringLiteral("filesize"), double(size) },
                                                     { QStringLiteral("sha256sum"), digest.hex() },
                                                     { QStringLiteral("md5sum"), QString() } },
                                       QStringLiteral("ask where to upload image %1").arg(imageId));
        if (!url)
            return url.error();
        const QString target = url->value(QStringLiteral("uploadURL")).toString();
        if (target.isEmpty())
            return Error(ErrorCode::Internal, QStringLiteral("the server gave no upload URL"));
        HeaderList headers;
        if (signsContentSha256(target))
            headers.append({ QByteArray("x-amz-content-sha256"), digest.hex().toLatin1() });
        Result<QByteArray> put
            = putBytes(target, source, 0, size, headers, nullptr, [&](qint64 done) { return !progress || progress(done, size); });
        if (!put) {
            transient = put.error().code() == ErrorCode::Unavailable;
            return put.error();
        }
        return true;
    });
    if (!sent)
        return sent.error();
    if (Result<QJsonObject> completed = json("PUT", QStringLiteral("/v2/imagefile/%1/_complete").arg(imageId), {},
                                             QStringLiteral("complete the upload of image %1").arg(imageId));
        !completed)
        return completed.error();
    return {};
}

Result<std::optional<LibraryUploader::Session>> LibraryUploader::startMultipart(const QString& imageId, qint64 size)
{
    RemoteRequest request;
    request.method = "POST";
    request.target = QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId);
    request.body = QJsonDocument(QJsonObject { { QStringLiteral("filesize"), double(size) } }).toJson(QJsonDocument::Compact);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (reply->status == 404 && reply->json().value(QStringLiteral("error")).toObject().value(QStringLiteral("reason")) != QJsonValue(QStringLiteral("not-found")))
        return std::optional<Session>();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("start a multipart upload of image %1").arg(imageId));
    const QJsonObject data = reply->json().value(QStringLiteral("data")).toObject();
    Session session;
    session.uploadId = data.value(QStringLiteral("uploadID")).toString();
    session.totalParts = data.value(QStringLiteral("totalParts")).toInt();
    session.partSize = qint64(data.value(QStringLiteral("partSize")).toDouble());
    if (session.uploadId.isEmpty() || session.totalParts <= 0 || session.partSize <= 0
        || (session.totalParts - 1) * session.partSize >= size || session.totalParts * session.partSize < size)
        return Error(ErrorCode::Internal, QStringLiteral("the server's multipart session does not fit the image"));
    return std::optional<Session>(session);
}

Result<QMap<int, QString>> LibraryUploader::acknowledgedParts(const QString& imageId, const Session& session)
{
    Result<QJsonObject> listed = json("GET",
                                      QStringLiteral("/v2/imagefile/%1/_multipart?uploadID=%2").arg(imageId, session.uploadId),
                                      {}, QStringLiteral("list the parts the server has"));
    if (!listed)
        return listed.error();
    QMap<int, QString> parts;
    for (const QJsonValue& value : listed->value(QStringLiteral("parts")).toArray()) {
        const QJsonObject part = value.toObject();
        const int number = part.value(QStringLiteral("partNumber")).toInt();
        const qint64 expected = number == session.totalParts
            ? 0 // checked below
            : session.partSize;
        const qint64 size = qint64(part.value(QStringLiteral("size")).toDouble());
        if (number < 1 || number > session.totalParts || (expected > 0 && size != expected))
            continue; // a part the server would refuse at completion: send it again
        parts.insert(number, part.value(QStringLiteral("token")).toString());
    }
    return parts;
}

Result<QString> LibraryUploader::sendPart(const QString& imageId, const Session& session, int number,
                                          ByteSource& source, const std::function<bool(qint64)>& sent)
{
    const qint64 offset = qint64(number - 1) * session.partSize;
    const qint64 size = std::min(session.partSize, source.size() - offset);
    Result<QJsonObject> url = json("PUT", QStringLiteral("/v2/imagefile/%1/_multipart").arg(imageId),
                                   QJsonObject { { QStringLiteral("uploadID"), session.uploadId },
                                                 { QStringLiteral("partNumber"), number },
                                                 { QStringLiteral("partSize"), double(size) },
                                                 { QStringLiteral("sha256sum"), QString() } },
                                   QStringLiteral("ask where to upload part %1").arg(number));
    if (!url)
        return url.error();
    Digest digest;
    Result<QByteArray> etag = putBytes(url->value(QStringLiteral("presignedURL")).toString(), source, offset, size, {},
                                       &digest, sent);
    if (!etag)
        return etag.error();
    const QString token = unquoted(QString::fromLatin1(*etag));
    // Our server's ETag is the part's SHA-256: a part that changed on the way is caught here, not at completion.
    if (Digest::fromHex(token) && token.toLower() != digest.hex())
        return Error(ErrorCode::DigestMismatch,
                     QStringLiteral("part %1 arrived as %2, but %3 was sent").arg(number).arg(token, digest.hex()));
    ++m_partsSent;
    return QString::fromLatin1(*etag);
}

Status LibraryUploader::multipart(const QString& imageId, const Session& session, ByteSource& source,
                                  const ProgressCallback& progress)
{
    Result<QMap<int, QString>> tokens = acknowledgedParts(imageId, session);
    if (!tokens)
        return tokens.error();
    const qint64 total = source.size();
    qint64 done = 0;
    for (auto it = tokens->cbegin(); it != tokens->cend(); ++it)
        done += std::min(session.partSize, total - qint64(it.key() - 1) * session.partSize);
    m_partsSkipped = int(tokens->size());
    if (progress && !progress(done, total))
        return Error(ErrorCode::Cancelled, QStringLiteral("the upload was cancelled"));
    RetryPolicy pause;
    for (int number = 1; number <= session.totalParts; ++number) {
        if (tokens->contains(number))
            continue;
        for (int attempt = 1;; ++attempt) {
            Result<QString> token = sendPart(imageId, session, number, source, [&](qint64 sent) {
                return !progress || progress(done + sent, total);
            });
            if (token) {
                tokens->insert(number, *token);
                done += std::min(session.partSize, total - qint64(number - 1) * session.partSize);
                break;
            }
            if (token.error().code() != ErrorCode::Unavailable || attempt >= PartAttempts)
                return token.error().prefixed(QStringLiteral("part %1 of %2").arg(number).arg(session.totalParts));
            std::this_thread::sleep_for(pause.delayBefore(attempt + 1));
        }
    }
    QJsonArray completed;
    for (auto it = tokens->cbegin(); it != tokens->cend(); ++it)
        completed.append(QJsonObject { { QStringLiteral("partNumber"), it.key() }, { QStringLiteral("token"), it.value() } });
    if (Result<QJsonObject> finished
        = json("PUT", QStringLiteral("/v2/imagefile/%1/_multipart_complete").arg(imageId),
               QJsonObject { { QStringLiteral("uploadID"), session.uploadId }, { QStringLiteral("completedParts"), completed } },
               QStringLiteral("complete the upload of image %1").arg(imageId));
        !finished)
        return finished.error();
    return {};
}

} // namespace sreg::remote
