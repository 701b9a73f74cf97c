#include "LibraryImagesApi.h"

#include "DownloadHandler.h"
#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryIds.h"
#include "LibraryJson.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/Digest.h"
#include "common/ImageRef.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobStore.h"

#include <httplib.h>

namespace sreg::http {

namespace {

// "entity/collection/container:tag" as it appears after /v1/images/ or /v1/imagefile/.
Result<ImageRef> parseRef(const QString& text)
{
    if (text.size() > 1024)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the image reference is too long"));
    return ImageRef::parse(text);
}

QString entityOf(const ImageRef& ref, const ImageRecord& image)
{
    return ref.entity.isEmpty() ? LibraryJson::entityFor(image.uploadedBy) : ref.entity;
}

} // namespace

LibraryImagesApi::LibraryImagesApi(ServerContext& context) : m_context(context) { }

void LibraryImagesApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    server.Get("/v1/images/(.+)", std::bind(&LibraryImagesApi::getImage, this, _1, _2));
    server.Post("/v1/images/?", UploadHandler::draining(std::bind(&LibraryImagesApi::createImage, this, _1, _2, _3)));
    server.Delete("/v1/images/(.+)",
                  UploadHandler::draining(std::bind(&LibraryImagesApi::deleteImage, this, _1, _2, _3)));
    server.Get("/v1/imagefile/(.+)", std::bind(&LibraryImagesApi::download, this, _1, _2));
}

void LibraryImagesApi::getImage(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    const Result<ImageRef> ref = parseRef(LibraryRequest::match(req, 1));
    if (!ref)
        return ErrorReplies::library(res, ref.error());
    Result<ImageRecord> image
        = m_context.registry().images().resolve(*actor, *ref, LibraryRequest::query(req, "arch").trimmed());
    if (!image)
        return ErrorReplies::library(res, image.error());
    JsonReplies::sendData(res, LibraryJson::image(*image, entityOf(*ref, *image)));
}

void LibraryImagesApi::createImage(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("create an image"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const QString hash = LibraryRequest::field(*body, QStringLiteral("hash")).toString();
    const std::optional<Digest> digest = Digest::fromString(hash);
    if (!digest)
        return ErrorReplies::library(
            res,
            Error(ErrorCode::InvalidArgument,
                  QStringLiteral("\"hash\" must be sha256.<64 hex digits>, not '%1'").arg(hash.left(80))));
    const auto container
        = LibraryIds::parseContainer(LibraryRequest::field(*body, QStringLiteral("container")).toString());
    if (!container)
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"container\" must be a container ID")));
    QString description = LibraryRequest::field(*body, QStringLiteral("description")).toString();
    if (description == u"No description")
        description.clear();
    Result<ImageRecord> image = m_context.registry().images().announce(*actor, container->first, container->second,
                                                                       *digest, description.left(4000));
    if (!image)
        return ErrorReplies::library(res, image.error());
    JsonReplies::sendData(res, LibraryJson::image(*image, LibraryJson::entityFor(actor->name)));
}

void LibraryImagesApi::deleteImage(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("delete an image"));
    if (!actor)
        return;
    const Result<ImageRef> ref = parseRef(LibraryRequest::match(req, 1));
    if (!ref)
        return ErrorReplies::library(res, ref.error());
    const Status removed
        = m_context.registry().images().remove(*actor, *ref, LibraryRequest::query(req, "arch").trimmed());
    if (!removed)
        return ErrorReplies::library(res, removed.error());
    // The client accepts 200 only (a 204 is reported as a failure); it ignores the body.
    JsonReplies::sendData(res, QJsonObject { { QStringLiteral("deleted"), ref->toString() } });
}

void LibraryImagesApi::download(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    const Result<ImageRef> ref = parseRef(LibraryRequest::match(req, 1));
    if (!ref)
        return ErrorReplies::library(res, ref.error());
    ImageService& images = m_context.registry().images();
    Result<ImageRecord> image = images.resolve(*actor, *ref, LibraryRequest::query(req, "arch").trimmed());
    if (!image)
        return ErrorReplies::library(res, image.error());
    // A download is counted once: not for HEAD, nor for the later slices of a ranged download.
    const std::string range = req.get_header_value("Range");
    const bool counts = req.method == "GET" && (range.empty() || range.rfind("bytes=0-", 0) == 0);
    Result<std::unique_ptr<ByteSource>> bytes = images.openBytes(*actor, *image, counts);
    if (!bytes)
        return ErrorReplies::library(res, bytes.error());
    // Direct downloads (storage setting presignedDownloads, off by default): the client fetches the bytes from
    // the bucket with a short-lived presigned URL, and they do not pass through this server. HEAD stays here.
    if (req.method == "GET") {
        const std::optional<Digest> digest = Digest::fromString(image->digest);
        const std::optional<QUrl> direct = digest
            ? m_context.registry().store().presignedGetUrl(*digest, m_context.config().downloadUrlValidity)
            : std::nullopt;
        if (direct) {
            res.status = 303;
            res.set_header("Location", direct->toString(QUrl::FullyEncoded).toStdString());
            res.set_header("Cache-Control", "no-store"); // the URL expires
            return;
        }
    }
    DownloadHandler::Options options;
    options.etag = image->digest;
    options.filename = image->container + u'_' + (ref->isDigest() ? image->digest : ref->tag) + QStringLiteral(".sif");
    DownloadHandler::serve(req, res, std::shared_ptr<ByteSource>(std::move(*bytes)), options);
}

} // namespace sreg::http
