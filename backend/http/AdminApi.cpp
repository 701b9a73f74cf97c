#include "AdminApi.h"

#include "AdminAccountsApi.h"
#include "AdminCurationApi.h"
#include "AdminMaintenanceApi.h"
#include "AdminRequest.h"
#include "DownloadHandler.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

namespace {

constexpr const char* Name = "([^/]+)";
constexpr const char* Prefix = "/admin/v1";

std::optional<ImageRecord> imageOf(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                                   const Actor& actor)
{
    bool ok = false;
    const qint64 id = AdminRequest::match(req, 1).toLongLong(&ok);
    if (!ok || id <= 0) {
        ErrorReplies::library(res, Error(ErrorCode::NotFound, QStringLiteral("no such image ID")));
        return std::nullopt;
    }
    Result<ImageRecord> image = context.registry().images().imageById(actor, id);
    if (!image) {
        ErrorReplies::library(res, image.error());
        return std::nullopt;
    }
    return *image;
}

} // namespace

AdminApi::AdminApi(ServerContext& context)
    : m_context(context)
    , m_curation(std::make_unique<AdminCurationApi>(context))
    , m_accounts(std::make_unique<AdminAccountsApi>(context))
    , m_maintenance(std::make_unique<AdminMaintenanceApi>(context))
{
}

AdminApi::~AdminApi() = default;

void AdminApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    const std::string prefix = Prefix;
    const std::string name = Name;
    server.Get(prefix + "/info", std::bind(&AdminApi::info, this, _1, _2));
    server.Get(prefix + "/collections/?", std::bind(&AdminApi::collections, this, _1, _2));
    server.Get(prefix + "/collections/" + name, std::bind(&AdminApi::collection, this, _1, _2));
    server.Get(prefix + "/collections/" + name + "/containers", std::bind(&AdminApi::containers, this, _1, _2));
    server.Get(prefix + "/collections/" + name + "/tags", std::bind(&AdminApi::tags, this, _1, _2));
    server.Get(prefix + "/collections/" + name + "/containers/" + name + "/tags/" + name + "/history",
               std::bind(&AdminApi::history, this, _1, _2));
    server.Get(prefix + "/images/([0-9]+)", std::bind(&AdminApi::image, this, _1, _2));
    server.Get(prefix + "/images/([0-9]+)/metadata", std::bind(&AdminApi::metadata, this, _1, _2));
    server.Get(prefix + "/images/([0-9]+)/file", std::bind(&AdminApi::file, this, _1, _2));
    server.Get(prefix + "/search", std::bind(&AdminApi::search, this, _1, _2));
    m_curation->registerRoutes(server);
    m_accounts->registerRoutes(server);
    m_maintenance->registerRoutes(server);
}

void AdminApi::info(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    QJsonObject data { { QStringLiteral("server"), QStringLiteral("sregistry-server") },
                       { QStringLiteral("version"), QStringLiteral(SREG_VERSION) },
                       { QStringLiteral("adminApi"), Version },
                       { QStringLiteral("registryName"), m_context.config().registryName },
                       { QStringLiteral("multipartResume"), true } };
    if (actor->isAuthenticated())
        data.insert(QStringLiteral("user"),
                    QJsonObject { { QStringLiteral("name"), actor->name },
                                  { QStringLiteral("admin"), actor->admin },
                                  { QStringLiteral("scopes"),
                                    QJsonArray::fromStringList(scopeNames(withImpliedScopes(actor->scopes))) } });
    else
        data.insert(QStringLiteral("user"), QJsonValue::Null);
    JsonReplies::sendData(res, data);
}

void AdminApi::collections(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    const std::optional<qint64> limit = AdminRequest::number(req, res, "limit", 1000);
    if (!limit)
        return;
    CollectionQuery query;
    query.filter = LibraryRequest::query(req, "filter");
    query.after = LibraryRequest::query(req, "after");
    query.limit = int(std::clamp<qint64>(*limit, 1, 10000));
    AdminRequest::reply<QList<CollectionRecord>>(res, m_context.registry().collections().list(*actor, query),
                                                 RecordJson::toJsonArray<CollectionRecord>);
}

void AdminApi::collection(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<CollectionRecord>(
        res, m_context.registry().collections().get(*actor, AdminRequest::match(req, 1)),
        [](const CollectionRecord& record) { return RecordJson::toJson(record); });
}

void AdminApi::containers(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<ContainerRecord>>(
        res, m_context.registry().collections().containers(*actor, AdminRequest::match(req, 1)),
        RecordJson::toJsonArray<ContainerRecord>);
}

void AdminApi::tags(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    const std::optional<qint64> limit = AdminRequest::number(req, res, "limit", 100000);
    if (!limit)
        return;
    TagQuery query;
    query.container = LibraryRequest::query(req, "container");
    query.after = LibraryRequest::query(req, "after");
    query.limit = int(std::clamp<qint64>(*limit, 1, 100000));
    AdminRequest::reply<QList<TagRecord>>(
        res, m_context.registry().images().tags(*actor, AdminRequest::match(req, 1), query),
        RecordJson::toJsonArray<TagRecord>);
}

void AdminApi::history(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    AdminRequest::reply<QList<TagHistoryRecord>>(
        res,
        m_context.registry().images().history(*actor, AdminRequest::match(req, 1), AdminRequest::match(req, 2),
                                              AdminRequest::match(req, 3), LibraryRequest::query(req, "arch")),
        RecordJson::toJsonArray<TagHistoryRecord>);
}

void AdminApi::image(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    if (const std::optional<ImageRecord> image = imageOf(m_context, req, res, *actor))
        JsonReplies::sendData(res, RecordJson::toJson(*image));
}

void AdminApi::metadata(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    const std::optional<ImageRecord> image = imageOf(m_context, req, res, *actor);
    if (!image)
        return;
    AdminRequest::reply<QJsonObject>(res, m_context.registry().images().sifMetadata(*actor, *image),
                                     [](const QJsonObject& json) { return json; });
}

// Looking inside an image (SIF header, descriptors, deffile, squashfs listing) reads a few ranges of it: that
// is not a pull, so unlike /v1/imagefile nothing is counted.
void AdminApi::file(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    const std::optional<ImageRecord> image = imageOf(m_context, req, res, *actor);
    if (!image)
        return;
    Result<std::unique_ptr<ByteSource>> bytes = m_context.registry().images().openBytes(*actor, *image, false);
    if (!bytes)
        return ErrorReplies::library(res, bytes.error());
    DownloadHandler::Options options;
    options.etag = image->digest;
    DownloadHandler::serve(req, res, std::shared_ptr<ByteSource>(std::move(*bytes)), options);
}

void AdminApi::search(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = AdminRequest::reader(m_context, req, res);
    if (!actor)
        return;
    const std::optional<qint64> limit = AdminRequest::number(req, res, "limit", 200);
    if (!limit)
        return;
    SearchQuery query;
    query.text = LibraryRequest::query(req, "q");
    query.arch = LibraryRequest::query(req, "arch");
    query.signedOnly = LibraryRequest::query(req, "signed") == u"true";
    query.limit = int(std::clamp<qint64>(*limit, 1, 10000));
    AdminRequest::reply<SearchResults>(res, m_context.registry().images().search(*actor, query),
                                       [](const SearchResults& results) {
                                           return QJsonObject {
                                               { QStringLiteral("collections"),
                                                 RecordJson::toJsonArray(results.collections) },
                                               { QStringLiteral("containers"),
                                                 RecordJson::toJsonArray(results.containers) },
                                               { QStringLiteral("images"), RecordJson::toJsonArray(results.images) },
                                           };
                                       });
}

} // namespace sreg::http
