#include "AdminCurationApi.h"

#include "AdminRequest.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/ImageRef.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

namespace {

constexpr const char* Name = "([^/]+)";

QJsonValue collectionJson(const CollectionRecord& record)
{
    return RecordJson::toJson(record);
}

// A JSON value that must be a boolean when present: out is left empty when absent. False (and res holds the
// error) when present and not a boolean.
bool readOptionalBool(const QJsonObject& body, const QString& key, std::optional<bool>& out, httplib::Response& res)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isBool()) {
        ErrorReplies::library(res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" must be true or false").arg(key)));
        return false;
    }
    out = value.toBool();
    return true;
}

std::optional<ImageRef> refOf(const httplib::Request& req, httplib::Response& res)
{
    Result<ImageRef> ref = ImageRef::parse(AdminRequest::match(req, 1), false);
    if (!ref) {
        ErrorReplies::library(res, ref.error());
        return std::nullopt;
    }
    if (ref->tag.isEmpty() && !ref->isDigest()) {
        ErrorReplies::library(res, Error(ErrorCode::InvalidArgument,
                                         QStringLiteral("the reference must end in :tag or :sha256.<hex>")));
        return std::nullopt;
    }
    return *ref;
}

} // namespace

AdminCurationApi::AdminCurationApi(ServerContext& context)
    : m_context(context)
{
}

void AdminCurationApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    const std::string collection = std::string("/admin/v1/collections/") + Name;
    server.Post("/admin/v1/collections/?",
                UploadHandler::draining(std::bind(&AdminCurationApi::createCollection, this, _1, _2, _3)));
    server.Patch(collection, UploadHandler::draining(std::bind(&AdminCurationApi::updateCollection, this, _1, _2, _3)));
    server.Delete(collection,
                  UploadHandler::draining(std::bind(&AdminCurationApi::deleteCollection, this, _1, _2, _3)));
    server.Get(collection + "/members", std::bind(&AdminCurationApi::members, this, _1, _2));
    server.Put(collection + "/members", UploadHandler::draining(std::bind(&AdminCurationApi::setMember, this, _1, _2, _3)));
    server.Post("/admin/v1/images/([0-9]+)/tags",
                UploadHandler::draining(std::bind(&AdminCurationApi::setTag, this, _1, _2, _3)));
    server.Put("/admin/v1/refs/(.+)/frozen",
               UploadHandler::draining(std::bind(&AdminCurationApi::setFrozen, this, _1, _2, _3)));
    server.Delete("/admin/v1/refs/(.+)", UploadHandler::draining(std::bind(&AdminCurationApi::remove, this, _1, _2, _3)));
}

void AdminCurationApi::createCollection(const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    std::optional<bool> isPrivate;
    if (!readOptionalBool(*body, QStringLiteral("private"), isPrivate, res))
        return;
    AdminRequest::reply<CollectionRecord>(
        res,
        m_context.registry().collections().create(*actor, body->value(QStringLiteral("name")).toString(),
                                                  body->value(QStringLiteral("description")).toString(), isPrivate),
        collectionJson);
}

void AdminCurationApi::updateCollection(const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    CollectionUpdate update;
    if (body->contains(QStringLiteral("description"))) {
        if (!body->value(QStringLiteral("description")).isString())
            return ErrorReplies::library(
                res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"description\" must be a string")));
        update.description = body->value(QStringLiteral("description")).toString();
    }
    if (!readOptionalBool(*body, QStringLiteral("private"), update.isPrivate, res)
        || !readOptionalBool(*body, QStringLiteral("contributorsCanPush"), update.contributorsCanPush, res))
        return;
    if (body->contains(QStringLiteral("quotaBytes"))) {
        const QJsonValue quota = body->value(QStringLiteral("quotaBytes"));
        if (quota.isNull())
            update.quotaBytes = std::optional<qint64>();
        else if (quota.isDouble() && quota.toDouble() >= 0)
            update.quotaBytes = std::optional<qint64>(qint64(quota.toDouble()));
        else
            return ErrorReplies::library(res, Error(ErrorCode::InvalidArgument,
                                                    QStringLiteral("\"quotaBytes\" must be a number of bytes or null")));
    }
    AdminRequest::reply<CollectionRecord>(
        res, m_context.registry().collections().update(*actor, AdminRequest::match(req, 1), update), collectionJson);
}

void AdminCurationApi::deleteCollection(const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader&)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply(res, m_context.registry().collections().remove(*actor, AdminRequest::match(req, 1)));
}

void AdminCurationApi::members(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<CollectionMemberRecord>>(
        res, m_context.registry().collections().members(*actor, AdminRequest::match(req, 1)),
        RecordJson::toJsonArray<CollectionMemberRecord>);
}

void AdminCurationApi::setMember(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    AdminRequest::reply(res, m_context.registry().collections().setMember(
                                 *actor, AdminRequest::match(req, 1), body->value(QStringLiteral("name")).toString(),
                                 body->value(QStringLiteral("isTeam")).toBool(),
                                 body->value(QStringLiteral("role")).toString()));
}

void AdminCurationApi::setTag(const httplib::Request& req, httplib::Response& res,
                              const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    ImageService& images = m_context.registry().images();
    Result<ImageRecord> image = images.imageById(*actor, AdminRequest::match(req, 1).toLongLong());
    if (!image)
        return ErrorReplies::library(res, image.error());
    AdminRequest::reply<TagRecord>(res,
                                   images.setTag(*actor, *image, body->value(QStringLiteral("tag")).toString(),
                                                 body->value(QStringLiteral("arch")).toString()),
                                   [](const TagRecord& tag) { return RecordJson::toJson(tag); });
}

void AdminCurationApi::setFrozen(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    const std::optional<ImageRef> ref = refOf(req, res);
    if (!ref)
        return;
    if (!body->value(QStringLiteral("frozen")).isBool())
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument, QStringLiteral("\"frozen\" must be true or false")));
    AdminRequest::reply(res, m_context.registry().images().setFrozen(*actor, *ref,
                                                                     body->value(QStringLiteral("frozen")).toBool(),
                                                                     body->value(QStringLiteral("arch")).toString()));
}

void AdminCurationApi::remove(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<ImageRef> ref = refOf(req, res);
    if (!ref)
        return;
    AdminRequest::reply(res, m_context.registry().images().remove(*actor, *ref, LibraryRequest::query(req, "arch")));
}

} // namespace sreg::http
