#include "AdminMaintenanceApi.h"

#include "AdminRequest.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "registry/AuditLog.h"
#include "registry/MaintenanceService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

AdminMaintenanceApi::AdminMaintenanceApi(ServerContext& context)
    : m_context(context)
{
}

void AdminMaintenanceApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    server.Get("/admin/v1/audit", std::bind(&AdminMaintenanceApi::audit, this, _1, _2));
    server.Get("/admin/v1/storage", std::bind(&AdminMaintenanceApi::storage, this, _1, _2));
    server.Post("/admin/v1/gc", UploadHandler::draining(std::bind(&AdminMaintenanceApi::gc, this, _1, _2, _3)));
    server.Post("/admin/v1/verify",
                UploadHandler::draining(std::bind(&AdminMaintenanceApi::verify, this, _1, _2, _3)));
}

void AdminMaintenanceApi::audit(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AuditQuery query;
    query.actor = LibraryRequest::query(req, "actor");
    query.action = LibraryRequest::query(req, "action");
    query.text = LibraryRequest::query(req, "text");
    const std::optional<qint64> since = AdminRequest::number(req, res, "since", 0);
    const std::optional<qint64> until = since ? AdminRequest::number(req, res, "until", 0) : std::nullopt;
    const std::optional<qint64> beforeId = until ? AdminRequest::number(req, res, "beforeId", 0) : std::nullopt;
    const std::optional<qint64> limit = beforeId ? AdminRequest::number(req, res, "limit", 500) : std::nullopt;
    if (!limit)
        return;
    query.since = *since;
    query.until = *until;
    query.beforeId = *beforeId;
    query.limit = int(std::clamp<qint64>(*limit, 1, 10000));
    AdminRequest::reply<QList<AuditEventRecord>>(res, m_context.registry().audit().query(*actor, query),
                                                 RecordJson::toJsonArray<AuditEventRecord>);
}

void AdminMaintenanceApi::storage(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<StorageUsage>(res, m_context.registry().maintenance().usage(*actor),
                                      [](const StorageUsage& usage) { return RecordJson::toJson(usage); });
}

void AdminMaintenanceApi::gc(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    const std::optional<QJsonObject> body = AdminRequest::body(m_context, req, res, reader);
    if (!body)
        return;
    // Deleting is what the caller must ask for in so many words; anything else previews.
    const bool dryRun = body->value(QStringLiteral("dryRun")) != QJsonValue(false);
    AdminRequest::reply<GcReport>(res, m_context.registry().maintenance().collectGarbage(*actor, dryRun),
                                  [](const GcReport& report) { return RecordJson::toJson(report); });
}

void AdminMaintenanceApi::verify(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor = AdminRequest::writer(m_context, req, res);
    if (!actor)
        return;
    if (!AdminRequest::body(m_context, req, res, reader))
        return;
    const std::atomic<bool>& stopping = m_context.stopping();
    AdminRequest::reply<VerifyReport>(
        res, m_context.registry().maintenance().verify(*actor, [&stopping](qint64, qint64) { return !stopping; }),
        [](const VerifyReport& report) { return RecordJson::toJson(report); });
}

} // namespace sreg::http
