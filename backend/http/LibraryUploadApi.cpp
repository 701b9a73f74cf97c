#include "LibraryUploadApi.h"

#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryIds.h"
#include "LibraryMultipartApi.h"
#include "LibraryRequest.h"
#include "RequestState.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

LibraryUploadApi::LibraryUploadApi(ServerContext& context, LibraryMultipartApi& multipart)
    : m_context(context), m_multipart(multipart), m_pusher(context)
{
}

void LibraryUploadApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    server.Post("/v2/imagefile/([^/_][^/]*)",
                UploadHandler::draining(std::bind(&LibraryUploadApi::requestUploadUrl, this, _1, _2, _3)));
    server.Put("/v2/imagefile/([^/]+)/_complete",
               UploadHandler::draining(std::bind(&LibraryUploadApi::complete, this, _1, _2, _3)));
    server.Post("/v1/imagefile/([^/]+)",
                UploadHandler::draining(std::bind(&LibraryUploadApi::legacyUpload, this, _1, _2, _3)));
    server.Put("/capability/([A-Za-z0-9_-]+)",
               UploadHandler::draining(std::bind(&LibraryUploadApi::putToCapability, this, _1, _2, _3)));
}

void LibraryUploadApi::requestUploadUrl(const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<qint64> imageId = LibraryIds::parseImage(LibraryRequest::match(req, 1));
    if (!imageId)
        return ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such image ID")));
    Result<ImageRecord> image = m_context.registry().images().imageById(*actor, *imageId);
    if (!image)
        return ErrorReplies::library(res, image.error());
    QSqlDatabase db = m_context.registry().database().connection();
    if (Result<CollectionRecord> allowed
        = CollectionService::authorize(db, *actor, image->collection, Action::PushImage);
        !allowed)
        return ErrorReplies::library(res, allowed.error());

    const qint64 size = qint64(LibraryRequest::field(*body, QStringLiteral("filesize")).toDouble(-1));
    if (size > m_context.config().maxUploadBytes)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::TooLarge,
                                           QStringLiteral("the image (%1 bytes) is larger than the server accepts "
                                                          "(%2 bytes)")
                                               .arg(size)
                                               .arg(m_context.config().maxUploadBytes)));
    const QString sha256 = LibraryRequest::field(*body, QStringLiteral("sha256sum")).toString().toLower();
    const std::optional<Digest> digest = Digest::fromString(image->digest);
    if (!sha256.isEmpty() && digest && sha256 != digest->hex())
        return ErrorReplies::library(res,
                                     Error(ErrorCode::DigestMismatch,
                                           QStringLiteral("sha256sum %1 is not the hash the image was created "
                                                          "with (%2)")
                                               .arg(sha256.left(64), image->digest)));
    CapabilityGrant grant;
    grant.purpose = CapabilityGrant::Purpose::Upload;
    grant.actor = *actor;
    grant.imageId = image->id;
    grant.expectedSize = size > 0 ? size : -1;
    const QString token = m_context.capabilities().issue(grant, m_context.config().uploadUrlValidity);
    JsonReplies::sendData(res, QJsonObject { { QStringLiteral("uploadURL"), m_context.capabilityUrl(req, token) } });
}

void LibraryUploadApi::complete(const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("complete an upload"));
    if (!actor)
        return;
    if (!LibraryRequest::jsonBody(m_context, req, res, reader))
        return;
    const std::optional<qint64> imageId = LibraryIds::parseImage(LibraryRequest::match(req, 1));
    if (!imageId)
        return ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such image ID")));
    Result<ImageRecord> image = m_context.registry().images().imageById(*actor, *imageId);
    if (!image)
        return ErrorReplies::library(res, image.error());
    if (!image->uploaded)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument,
                                           QStringLiteral("image %1 has not received its bytes: PUT them to the "
                                                          "uploadURL first")
                                               .arg(*imageId)));
    JsonReplies::sendData(res, QJsonObject {});
}

void LibraryUploadApi::legacyUpload(const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("upload"));
    if (!actor)
        return;
    const std::optional<qint64> imageId = LibraryIds::parseImage(LibraryRequest::match(req, 1));
    if (!imageId)
        return ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such image ID")));
    Result<ImageRecord> image = m_context.registry().images().imageById(*actor, *imageId);
    if (!image)
        return ErrorReplies::library(res, image.error());
    const qint64 length = req.has_header("Content-Length")
        ? QByteArray::fromStdString(req.get_header_value("Content-Length")).toLongLong()
        : -1;
    Result<ImageRecord> pushed = m_pusher.pushBody(*actor, *image, req, reader, length);
    if (!pushed)
        return ErrorReplies::library(res, pushed.error());
    JsonReplies::sendData(res, QJsonObject {});
}

void LibraryUploadApi::putToCapability(const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader)
{
    const QString token = LibraryRequest::match(req, 1);
    if (const int wait = m_context.rateLimiter().retryAfter(m_context.clientAddress(req)); wait > 0)
        return ErrorReplies::tooManyLibrary(res, wait);
    if (std::optional<CapabilityGrant> part
        = m_context.capabilities().find(token, CapabilityGrant::Purpose::UploadPart))
        return m_multipart.putPart(req, res, reader, *part);
    const std::optional<CapabilityGrant> grant = m_context.capabilities().find(token, CapabilityGrant::Purpose::Upload);
    if (!grant) {
        m_context.rateLimiter().recordFailure(m_context.clientAddress(req));
        return ErrorReplies::library(res, 403, QStringLiteral("this upload URL is invalid or has expired"),
                                     QStringLiteral("permission-denied"));
    }
    RequestState::setUser(grant->actor.name);
    ImageService& images = m_context.registry().images();
    Result<ImageRecord> image = images.imageById(grant->actor, grant->imageId);
    if (!image)
        return ErrorReplies::library(res, image.error());
    Result<ImageRecord> pushed = m_pusher.pushBody(grant->actor, *image, req, reader, grant->expectedSize);
    if (!pushed)
        return ErrorReplies::library(res, pushed.error());
    m_context.capabilities().revoke(token);
    res.status = 200;
    res.set_header("ETag", '"' + pushed->digest.toStdString() + '"');
}

} // namespace sreg::http
