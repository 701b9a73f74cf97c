#include "LibraryMultipartApi.h"

#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryIds.h"
#include "LibraryRequest.h"
#include "RequestState.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/Clock.h"
#include "common/RandomId.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobStore.h"

#include <QJsonArray>
#include <httplib.h>
#include <map>

namespace sreg::http {

namespace {

QString unquotedToken(QString token)
{
    token = token.trimmed();
    if (token.size() >= 2 && token.startsWith(u'"') && token.endsWith(u'"'))
        token = token.mid(1, token.size() - 2);
    return token;
}

bool isSha256Hex(const QString& text)
{
    return Digest::fromHex(text).has_value();
}

QJsonObject describe(const UploadSession& session)
{
    return QJsonObject { { QStringLiteral("uploadID"), session.id },
                         { QStringLiteral("totalParts"), session.totalParts },
                         { QStringLiteral("partSize"), session.partSize },
                         { QStringLiteral("fileSize"), session.fileSize } };
}

} // namespace

LibraryMultipartApi::LibraryMultipartApi(ServerContext& context) : m_context(context), m_pusher(context) { }

void LibraryMultipartApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    server.Post("/v2/imagefile/([^/]+)/_multipart",
                UploadHandler::draining(std::bind(&LibraryMultipartApi::start, this, _1, _2, _3)));
    server.Put("/v2/imagefile/([^/]+)/_multipart",
               UploadHandler::draining(std::bind(&LibraryMultipartApi::presignPart, this, _1, _2, _3)));
    server.Get("/v2/imagefile/([^/]+)/_multipart", std::bind(&LibraryMultipartApi::list, this, _1, _2));
    server.Put("/v2/imagefile/([^/]+)/_multipart_complete",
               UploadHandler::draining(std::bind(&LibraryMultipartApi::complete, this, _1, _2, _3)));
    server.Put("/v2/imagefile/([^/]+)/_multipart_abort",
               UploadHandler::draining(std::bind(&LibraryMultipartApi::abort, this, _1, _2, _3)));
}

std::optional<ImageRecord> LibraryMultipartApi::pushableImage(const httplib::Request& req, httplib::Response& res,
                                                              const Actor& actor)
{
    const std::optional<qint64> imageId = LibraryIds::parseImage(LibraryRequest::match(req, 1));
    if (!imageId) {
        ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such image ID")));
        return std::nullopt;
    }
    Result<ImageRecord> image = m_context.registry().images().imageById(actor, *imageId);
    if (!image) {
        ErrorReplies::library(res, image.error());
        return std::nullopt;
    }
    QSqlDatabase db = m_context.registry().database().connection();
    if (Result<CollectionRecord> allowed
        = CollectionService::authorize(db, actor, image->collection, Action::PushImage);
        !allowed) {
        ErrorReplies::library(res, allowed.error());
        return std::nullopt;
    }
    return *image;
}

std::optional<UploadSession> LibraryMultipartApi::sessionOf(httplib::Response& res, const QString& uploadId,
                                                            const ImageRecord& image)
{
    Result<std::optional<UploadSession>> session = m_context.uploads().byId(uploadId);
    if (!session) {
        ErrorReplies::library(res, session.error());
        return std::nullopt;
    }
    if (!*session || (*session)->imageId != image.id) {
        ErrorReplies::library(res,
                              Error(ErrorCode::NotFound,
                                    QStringLiteral("no multipart upload '%1' for image %2")
                                        .arg(uploadId.left(64), LibraryIds::image(image.id))));
        return std::nullopt;
    }
    return **session;
}

void LibraryMultipartApi::drop(const UploadSession& session)
{
    (void)m_context.registry().store().abortMultipart(session.storeUploadId);
    (void)m_context.uploads().remove(session.id);
}

void LibraryMultipartApi::start(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<ImageRecord> image = pushableImage(req, res, *actor);
    if (!image)
        return;
    if (image->uploaded)
        return ErrorReplies::library(
            res, Error(ErrorCode::AlreadyExists, QStringLiteral("image %1 already has its bytes").arg(image->id)));
    const qint64 size = qint64(LibraryRequest::field(*body, QStringLiteral("filesize")).toDouble(-1));
    if (size <= 0)
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"filesize\" must be positive")));
    if (size > m_context.config().maxUploadBytes)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::TooLarge,
                                           QStringLiteral("the image (%1 bytes) is larger than the server accepts "
                                                          "(%2 bytes)")
                                               .arg(size)
                                               .arg(m_context.config().maxUploadBytes)));
    BlobStore& store = m_context.registry().store();

    // Resume: the same image and size get the session (and the parts) already there.
    Result<std::optional<UploadSession>> existing = m_context.uploads().byImage(image->id);
    if (!existing)
        return ErrorReplies::library(res, existing.error());
    if (*existing) {
        if ((*existing)->fileSize == size && store.listParts((*existing)->storeUploadId).ok())
            return JsonReplies::sendData(res, [&] {
                QJsonObject reply = describe(**existing);
                reply.insert(QStringLiteral("options"),
                             QJsonObject { { QStringLiteral("s3compliant"), QStringLiteral("true") } });
                return reply;
            }());
        drop(**existing);
    }

    UploadSession session;
    session.partSize = std::max(PartBytes, ((size + MaxParts - 1) / MaxParts + (1 << 20) - 1) / (1 << 20) * (1 << 20));
    session.totalParts = int((size + session.partSize - 1) / session.partSize);
    BlobWriteOptions options;
    options.expectedDigest = Digest::fromString(image->digest);
    options.expectedSize = size;
    options.maxSize = m_context.config().maxUploadBytes;
    options.partSize = session.partSize; // fixed: a local store writes the parts in place
    Result<QString> storeUpload = store.createMultipart(options);
    if (!storeUpload)
        return ErrorReplies::library(res, storeUpload.error());
    session.id = randomToken(26);
    session.imageId = image->id;
    session.storeUploadId = *storeUpload;
    session.fileSize = size;
    session.createdBy = actor->userId;
    session.createdAt = nowMs();
    if (Status inserted = m_context.uploads().insert(session); !inserted) {
        (void)store.abortMultipart(session.storeUploadId);
        return ErrorReplies::library(res, inserted.error());
    }
    QJsonObject reply = describe(session);
    // "s3compliant" makes the Go client hash each part and send the hash, which putPart checks.
    reply.insert(QStringLiteral("options"), QJsonObject { { QStringLiteral("s3compliant"), QStringLiteral("true") } });
    JsonReplies::sendData(res, reply);
}

void LibraryMultipartApi::presignPart(const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<ImageRecord> image = pushableImage(req, res, *actor);
    if (!image)
        return;
    const std::optional<UploadSession> session
        = sessionOf(res, LibraryRequest::field(*body, QStringLiteral("uploadID")).toString(), *image);
    if (!session)
        return;
    const int number = LibraryRequest::field(*body, QStringLiteral("partNumber")).toInt(0);
    if (number < 1 || number > session->totalParts)
        return ErrorReplies::library(
            res,
            Error(ErrorCode::InvalidArgument, QStringLiteral("partNumber must be 1 to %1").arg(session->totalParts)));
    const qint64 size = qint64(LibraryRequest::field(*body, QStringLiteral("partSize")).toDouble(-1));
    if (size != session->sizeOfPart(number))
        return ErrorReplies::library(res,
                                     Error(ErrorCode::SizeMismatch,
                                           QStringLiteral("part %1 must have %2 bytes, not %3")
                                               .arg(number)
                                               .arg(session->sizeOfPart(number))
                                               .arg(size)));
    const QString sha256 = LibraryRequest::field(*body, QStringLiteral("sha256sum")).toString().toLower();
    if (!sha256.isEmpty() && !isSha256Hex(sha256))
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("sha256sum is not 64 hex digits")));
    CapabilityGrant grant;
    grant.purpose = CapabilityGrant::Purpose::UploadPart;
    grant.actor = *actor;
    grant.imageId = image->id;
    grant.uploadId = session->id;
    grant.partNumber = number;
    grant.expectedSize = size;
    grant.expectedSha256 = sha256;
    const QString token = m_context.capabilities().issue(grant, m_context.config().uploadUrlValidity);
    JsonReplies::sendData(res, QJsonObject { { QStringLiteral("presignedURL"), m_context.capabilityUrl(req, token) } });
}

void LibraryMultipartApi::putPart(const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader, const CapabilityGrant& grant)
{
    RequestState::setUser(grant.actor.name);
    Result<std::optional<UploadSession>> session = m_context.uploads().byId(grant.uploadId);
    if (!session)
        return ErrorReplies::library(res, session.error());
    if (!*session)
        return ErrorReplies::library(
            res, Error(ErrorCode::NotFound, QStringLiteral("the multipart upload was completed or aborted")));
    QString announced = QString::fromStdString(req.get_header_value("x-amz-content-sha256")).toLower();
    if (announced == u"unsigned-payload")
        announced.clear();
    if (!announced.isEmpty() && !grant.expectedSha256.isEmpty() && announced != grant.expectedSha256)
        return ErrorReplies::library(
            res,
            Error(ErrorCode::DigestMismatch, QStringLiteral("x-amz-content-sha256 differs from the part's sha256sum")));
    const QString expected = grant.expectedSha256.isEmpty() ? announced : grant.expectedSha256;

    BlobStore& store = m_context.registry().store();
    Result<std::unique_ptr<BlobWriter>> writer = store.beginPart((*session)->storeUploadId, grant.partNumber);
    if (!writer)
        return ErrorReplies::library(res, writer.error());
    BlobWriter& part = **writer;
    // The store's writer hashes what it stores (in parallel with the writes): that digest is the part's.
    const Status streamed = UploadHandler::stream(
        req, reader, [&](const char* data, qint64 size) { return part.write(data, size); }, grant.expectedSize,
        m_context.stopping());
    const auto fail = [&](const Error& error) {
        part.abort();
        ErrorReplies::library(res, error);
    };
    if (!streamed)
        return fail(streamed.error());
    if (part.bytesWritten() != grant.expectedSize)
        return fail(Error(ErrorCode::SizeMismatch,
                          QStringLiteral("part %1 must have %2 bytes, %3 arrived")
                              .arg(grant.partNumber)
                              .arg(grant.expectedSize)
                              .arg(part.bytesWritten())));
    const Result<Digest> finished = part.finish();
    if (!finished)
        return fail(finished.error());
    const Digest digest = *finished;
    if (!expected.isEmpty() && digest.hex() != expected)
        return fail(Error(ErrorCode::DigestMismatch,
                          QStringLiteral("part %1 hashes to %2, not to the announced %3")
                              .arg(grant.partNumber)
                              .arg(digest.hex(), expected)));
    if (Status committed = part.commit(); !committed)
        return fail(committed.error());
    Result<QList<BlobPart>> parts = store.listParts((*session)->storeUploadId);
    if (!parts)
        return ErrorReplies::library(res, parts.error());
    QString etag = digest.hex();
    for (const BlobPart& stored : *parts) {
        if (stored.number == grant.partNumber)
            etag = unquotedToken(stored.etag);
    }
    res.status = 200;
    res.set_header("ETag", ('"' + etag + '"').toStdString());
}

void LibraryMultipartApi::list(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<ImageRecord> image = pushableImage(req, res, *actor);
    if (!image)
        return;
    QString uploadId = LibraryRequest::query(req, "uploadID");
    if (uploadId.isEmpty()) {
        Result<std::optional<UploadSession>> current = m_context.uploads().byImage(image->id);
        if (!current)
            return ErrorReplies::library(res, current.error());
        if (!*current)
            return ErrorReplies::library(
                res, Error(ErrorCode::NotFound, QStringLiteral("no multipart upload for image %1").arg(image->id)));
        uploadId = (*current)->id;
    }
    const std::optional<UploadSession> session = sessionOf(res, uploadId, *image);
    if (!session)
        return;
    Result<QList<BlobPart>> parts = m_context.registry().store().listParts(session->storeUploadId);
    if (!parts)
        return ErrorReplies::library(res, parts.error());
    QJsonArray listed;
    for (const BlobPart& part : *parts)
        listed.append(QJsonObject { { QStringLiteral("partNumber"), part.number },
                                    { QStringLiteral("size"), part.size },
                                    { QStringLiteral("token"), '"' + unquotedToken(part.etag) + '"' } });
    QJsonObject reply = describe(*session);
    reply.insert(QStringLiteral("parts"), listed);
    JsonReplies::sendData(res, reply);
}

void LibraryMultipartApi::complete(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<ImageRecord> image = pushableImage(req, res, *actor);
    if (!image)
        return;
    const std::optional<UploadSession> session
        = sessionOf(res, LibraryRequest::field(*body, QStringLiteral("uploadID")).toString(), *image);
    if (!session)
        return;
    BlobStore& store = m_context.registry().store();
    Result<QList<BlobPart>> stored = store.listParts(session->storeUploadId);
    if (!stored)
        return ErrorReplies::library(res, stored.error());
    std::map<int, BlobPart> byNumber;
    for (const BlobPart& part : *stored)
        byNumber[part.number] = part;

    // The client's list must name every part once, with the token its PUT got back.
    const QJsonArray completed = LibraryRequest::field(*body, QStringLiteral("completedParts")).toArray();
    std::map<int, QString> tokens;
    for (const QJsonValue& value : completed) {
        const QJsonObject entry = value.toObject();
        tokens[LibraryRequest::field(entry, QStringLiteral("partNumber")).toInt(0)]
            = unquotedToken(LibraryRequest::field(entry, QStringLiteral("token")).toString());
    }
    QList<BlobPart> parts;
    for (int n = 1; n <= session->totalParts; ++n) {
        const auto have = byNumber.find(n);
        if (have == byNumber.end())
            return ErrorReplies::library(
                res,
                Error(ErrorCode::InvalidArgument,
                      QStringLiteral("part %1 of %2 has not been uploaded").arg(n).arg(session->totalParts)));
        const auto claimed = tokens.find(n);
        if (claimed == tokens.end() || claimed->second != unquotedToken(have->second.etag))
            return ErrorReplies::library(res,
                                         Error(ErrorCode::InvalidArgument,
                                               QStringLiteral("completedParts lacks part %1 or names it with "
                                                              "another token than its upload returned")
                                                   .arg(n)));
        parts.append(have->second);
    }
    if (int(tokens.size()) != session->totalParts)
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("completedParts names parts that do not exist")));

    Result<std::unique_ptr<BlobWriter>> assembled = store.completeMultipart(session->storeUploadId, parts);
    if (!assembled) {
        // Wrong bytes cannot become right by retrying: start over cleanly.
        if (assembled.error().code() == ErrorCode::DigestMismatch
            || assembled.error().code() == ErrorCode::SizeMismatch)
            drop(*session);
        return ErrorReplies::library(res, assembled.error());
    }
    Result<ImageRecord> pushed = m_pusher.pushAssembled(*actor, *image, std::move(*assembled));
    if (!pushed) {
        if (pushed.error().code() != ErrorCode::Unavailable && pushed.error().code() != ErrorCode::Io)
            drop(*session);
        return ErrorReplies::library(res, pushed.error());
    }
    drop(*session);
    JsonReplies::sendData(res, QJsonObject {});
}

void LibraryMultipartApi::abort(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<ImageRecord> image = pushableImage(req, res, *actor);
    if (!image)
        return;
    const std::optional<UploadSession> session
        = sessionOf(res, LibraryRequest::field(*body, QStringLiteral("uploadID")).toString(), *image);
    if (!session)
        return;
    drop(*session);
    JsonReplies::sendData(res, QJsonObject {});
}

void LibraryMultipartApi::pruneStale(qint64 maxAgeMs)
{
    Result<QList<UploadSession>> stale = m_context.uploads().createdBefore(nowMs() - maxAgeMs);
    if (!stale)
        return;
    for (const UploadSession& session : *stale)
        drop(session);
}

} // namespace sreg::http
