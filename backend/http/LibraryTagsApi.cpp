#include "LibraryTagsApi.h"

#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryIds.h"
#include "LibraryJson.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/Names.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

LibraryTagsApi::LibraryTagsApi(ServerContext& context) : m_context(context) { }

void LibraryTagsApi::registerRoutes(httplib::Server& server)
{
    server.Get("/v1/tags/([^/]+)",
               [this](const httplib::Request& req, httplib::Response& res) { getTags(req, res, false); });
    server.Get("/v2/tags/([^/]+)",
               [this](const httplib::Request& req, httplib::Response& res) { getTags(req, res, true); });
    server.Post(
        "/v1/tags/([^/]+)",
        UploadHandler::draining([this](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) { setTag(req, res, reader, false); }));
    server.Post(
        "/v2/tags/([^/]+)",
        UploadHandler::draining([this](const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& reader) { setTag(req, res, reader, true); }));
}

void LibraryTagsApi::getTags(const httplib::Request& req, httplib::Response& res, bool v2)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    const auto container = LibraryIds::parseContainer(LibraryRequest::match(req, 1));
    if (!container)
        return ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such container ID")));
    TagQuery query;
    query.container = container->second;
    Result<QList<TagRecord>> tags = m_context.registry().images().tags(*actor, container->first, query);
    if (!tags)
        return ErrorReplies::library(res, tags.error());
    JsonReplies::sendData(res, v2 ? LibraryJson::tagsV2(*tags) : LibraryJson::tagsV1(*tags));
}

void LibraryTagsApi::setTag(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                            bool v2)
{
    const std::optional<Actor> actor = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("set a tag"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const auto container = LibraryIds::parseContainer(LibraryRequest::match(req, 1));
    if (!container)
        return ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such container ID")));
    const QString tag = LibraryRequest::field(*body, QStringLiteral("tag")).toString();
    if (!Names::isValid(tag))
        return ErrorReplies::library(res, Error(ErrorCode::InvalidName, Names::whyInvalid(tag, QStringLiteral("tag"))));
    const QString arch = v2 ? LibraryRequest::field(*body, QStringLiteral("arch")).toString() : QString();
    if (arch.size() > 32 || (!arch.isEmpty() && !Names::isValid(arch)))
        return ErrorReplies::library(res, Error(ErrorCode::InvalidArgument, QStringLiteral("invalid \"Arch\"")));
    const std::optional<qint64> imageId
        = LibraryIds::parseImage(LibraryRequest::field(*body, QStringLiteral("imageID")).toString());
    if (!imageId)
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"ImageID\" must be an image ID")));

    ImageService& images = m_context.registry().images();
    Result<ImageRecord> image = images.imageById(*actor, *imageId);
    if (!image)
        return ErrorReplies::library(res, image.error());
    if (image->collection != container->first || image->container != container->second)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument,
                                           QStringLiteral("image %1 belongs to %2/%3, not to container %4")
                                               .arg(LibraryIds::image(*imageId), image->collection, image->container,
                                                    LibraryRequest::match(req, 1))));
    if (!image->uploaded)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument,
                                           QStringLiteral("image %1 has no bytes yet: upload it before tagging it")
                                               .arg(LibraryIds::image(*imageId))));
    Result<TagRecord> set = images.setTag(*actor, *image, tag, arch);
    if (!set)
        return ErrorReplies::library(res, set.error());
    JsonReplies::sendData(
        res,
        QJsonObject { { QStringLiteral("tag"), set->name },
                      { QStringLiteral("arch"), set->arch },
                      { QStringLiteral("imageID"), LibraryIds::image(set->image.id ? set->image.id : *imageId) } });
}

} // namespace sreg::http
