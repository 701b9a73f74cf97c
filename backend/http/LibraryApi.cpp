#include "LibraryApi.h"

#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryIds.h"
#include "LibraryJson.h"
#include "LibraryRequest.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/Names.h"
#include "registry/AccountService.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <QJsonArray>
#include <httplib.h>

namespace sreg::http {

namespace {
constexpr const char* Name = "([^/]+)";
}

LibraryApi::LibraryApi(ServerContext& context) : m_context(context) { }

void LibraryApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    const std::string name = Name;
    server.Get("/version", std::bind(&LibraryApi::version, this, _1, _2));
    server.Get("/assets/config/config.prod.json", std::bind(&LibraryApi::config, this, _1, _2));
    server.Get("/v1/token-status", std::bind(&LibraryApi::tokenStatus, this, _1, _2));
    server.Get("/v1/entities(?:/" + name + ")?", std::bind(&LibraryApi::getEntity, this, _1, _2));
    server.Post("/v1/entities/?", UploadHandler::draining(std::bind(&LibraryApi::createEntity, this, _1, _2, _3)));
    server.Get("/v1/collections/" + name + "/" + name, std::bind(&LibraryApi::getCollection, this, _1, _2));
    server.Post("/v1/collections/?",
                UploadHandler::draining(std::bind(&LibraryApi::createCollection, this, _1, _2, _3)));
    server.Get("/v1/containers/" + name + "/" + name + "/" + name, std::bind(&LibraryApi::getContainer, this, _1, _2));
    server.Post("/v1/containers/?", UploadHandler::draining(std::bind(&LibraryApi::createContainer, this, _1, _2, _3)));
    server.Get("/v1/search", std::bind(&LibraryApi::search, this, _1, _2));
    server.Get("/v1/oci-redirect", std::bind(&LibraryApi::ociRedirect, this, _1, _2));
}

void LibraryApi::version(const httplib::Request&, httplib::Response& res)
{
    JsonReplies::sendData(res,
                          QJsonObject { { QStringLiteral("version"), QStringLiteral(SREG_VERSION) },
                                        { QStringLiteral("apiVersion"), QString::fromLatin1(ApiVersion) } });
}

void LibraryApi::config(const httplib::Request& req, httplib::Response& res)
{
    // Apptainer decodes this file as map[string]map[string]any: every top-level value must be an object.
    const QString base = m_context.baseUrl(req);
    const QJsonObject uri { { QStringLiteral("uri"), base } };
    JsonReplies::send(
        res, 200,
        QJsonObject { { QStringLiteral("libraryAPI"), uri },
                      { QStringLiteral("keystoreAPI"), uri },
                      { QStringLiteral("tokenAPI"), uri },
                      { QStringLiteral("env"), QJsonObject { { QStringLiteral("name"), QStringLiteral("prod") } } },
                      { QStringLiteral("registry"),
                        QJsonObject { { QStringLiteral("name"), m_context.config().registryName } } } });
}

void LibraryApi::tokenStatus(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("check a token"));
    if (!actor)
        return;
    JsonReplies::sendData(
        res,
        QJsonObject { { QStringLiteral("status"), QStringLiteral("valid") }, { QStringLiteral("user"), actor->name } });
}

// Entities are labels: collections are globally unique, as in sregistry, so library://anyone/coll/cont and
// library://me/coll/cont name the same images. An entity "exists" when it is the caller, a user or a team.
void LibraryApi::getEntity(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    QString name = LibraryRequest::match(req, 1);
    if (name.isEmpty()) { // GET /v1/entities: the caller's own entity
        if (!actor->isAuthenticated())
            return ErrorReplies::library(
                res, Error(ErrorCode::NotFound, QStringLiteral("anonymous callers have no entity")));
        name = actor->name;
    }
    if (!Names::isValid(name))
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("entity"))));
    bool known = actor->isAuthenticated() && actor->name == name;
    AccountService& accounts = m_context.registry().accounts();
    if (!known && actor->isAuthenticated())
        known = accounts.user(*actor, name).ok();
    if (!known && actor->isAuthenticated()) {
        if (Result<QList<TeamRecord>> teams = accounts.teams(*actor); teams) {
            for (const TeamRecord& team : *teams)
                known = known || team.name == name;
        }
    }
    if (!known)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::NotFound, QStringLiteral("entity '%1' not found").arg(name)));
    JsonReplies::sendData(res, LibraryJson::entity(name));
}

// Nothing is stored: see getEntity. Only signed-in callers who may push get an entity back, so anonymous pushes
// fail here with a clear message rather than later.
void LibraryApi::createEntity(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("create an entity"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const QString name = LibraryRequest::field(*body, QStringLiteral("name")).toString();
    if (!Names::isValid(name))
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("entity"))));
    if (!withImpliedScopes(actor->scopes).testFlag(Scope::Push))
        return ErrorReplies::library(
            res, Error(ErrorCode::PermissionDenied, QStringLiteral("the token's scopes do not include push")));
    JsonReplies::sendData(res, LibraryJson::entity(name));
}

void LibraryApi::getCollection(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    Result<CollectionRecord> collection = m_context.registry().collections().get(*actor, LibraryRequest::match(req, 2));
    if (!collection)
        return ErrorReplies::library(res, collection.error());
    JsonReplies::sendData(res, LibraryJson::collection(*collection, LibraryRequest::match(req, 1)));
}

// The Go client always sends "private": false, so false means "no preference": --default-private still applies.
void LibraryApi::createCollection(const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("create a collection"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const QString name = LibraryRequest::field(*body, QStringLiteral("name")).toString();
    QString description = LibraryRequest::field(*body, QStringLiteral("description")).toString();
    if (description == u"No description")
        description.clear(); // the Go client's placeholder
    const bool requestedPrivate = LibraryRequest::field(*body, QStringLiteral("private")).toBool(false);
    Result<CollectionRecord> collection = m_context.registry().collections().create(
        *actor, name, description, m_context.newCollectionPrivacy(requestedPrivate));
    if (!collection)
        return ErrorReplies::library(res, collection.error());
    QString entity = LibraryRequest::field(*body, QStringLiteral("entity")).toString();
    if (!Names::isValid(entity))
        entity = LibraryJson::entityFor(*collection);
    JsonReplies::sendData(res, LibraryJson::collection(*collection, entity));
}

void LibraryApi::getContainer(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    const QString collectionName = LibraryRequest::match(req, 2);
    const QString containerName = LibraryRequest::match(req, 3);
    Registry& registry = m_context.registry();
    Result<CollectionRecord> collection = registry.collections().get(*actor, collectionName);
    if (!collection)
        return ErrorReplies::library(res, collection.error());
    Result<ContainerRecord> container = registry.collections().container(*actor, collectionName, containerName);
    if (!container)
        return ErrorReplies::library(res, container.error());
    TagQuery query;
    query.container = containerName;
    Result<QList<TagRecord>> tags = registry.images().tags(*actor, collectionName, query);
    if (!tags)
        return ErrorReplies::library(res, tags.error());
    Result<QList<ImageRecord>> images = registry.images().images(*actor, collectionName, containerName);
    if (!images)
        return ErrorReplies::library(res, images.error());
    JsonReplies::sendData(
        res, LibraryJson::container(*container, LibraryRequest::match(req, 1), collection->isPrivate, *tags, *images));
}

void LibraryApi::createContainer(const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader)
{
    const std::optional<Actor> actor
        = LibraryRequest::signedInActor(m_context, req, res, QStringLiteral("create a container"));
    if (!actor)
        return;
    const std::optional<QJsonObject> body = LibraryRequest::jsonBody(m_context, req, res, reader);
    if (!body)
        return;
    const QString name = LibraryRequest::field(*body, QStringLiteral("name")).toString();
    const QString collectionName = LibraryRequest::field(*body, QStringLiteral("collection")).toString();
    if (!Names::isValid(collectionName))
        return ErrorReplies::library(
            res, Error(ErrorCode::InvalidArgument, QStringLiteral("\"collection\" must be a collection ID")));
    Registry& registry = m_context.registry();
    Result<ContainerRecord> container = registry.collections().ensureContainer(*actor, collectionName, name);
    if (!container)
        return ErrorReplies::library(res, container.error());
    Result<CollectionRecord> collection = registry.collections().get(*actor, collectionName);
    if (!collection)
        return ErrorReplies::library(res, collection.error());
    JsonReplies::sendData(
        res, LibraryJson::container(*container, LibraryJson::entityFor(*collection), collection->isPrivate, {}, {}));
}

// 200 with empty lists when nothing matches: the Go client turns any 404 into "not found".
void LibraryApi::search(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = LibraryRequest::actor(m_context, req, res);
    if (!actor)
        return;
    SearchQuery query;
    query.text = LibraryRequest::query(req, "value").trimmed();
    query.arch = LibraryRequest::query(req, "arch").trimmed();
    query.signedOnly = LibraryRequest::query(req, "signed") == u"true";
    if (query.text.isEmpty())
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument, QStringLiteral("the search needs ?value=")));
    if (query.text.size() > 256)
        return ErrorReplies::library(res,
                                     Error(ErrorCode::InvalidArgument, QStringLiteral("the search text is too long")));
    Result<SearchResults> results = m_context.registry().images().search(*actor, query);
    if (!results)
        return ErrorReplies::library(res, results.error());
    QJsonArray collections;
    for (const CollectionRecord& collection : results->collections)
        collections.append(LibraryJson::collection(collection, LibraryJson::entityFor(collection)));
    QJsonArray containers;
    for (const ContainerRecord& container : results->containers)
        containers.append(LibraryJson::container(container, QStringLiteral("library"), false, {}, {}));
    QJsonArray images;
    for (const ImageRecord& image : results->images)
        images.append(LibraryJson::image(image, LibraryJson::entityFor(image.uploadedBy)));
    JsonReplies::sendData(res,
                          QJsonObject { { QStringLiteral("entity"), QJsonArray() },
                                        { QStringLiteral("collection"), collections },
                                        { QStringLiteral("container"), containers },
                                        { QStringLiteral("image"), images } });
}

// Any non-200 makes the client use the library protocol rather than look for an OCI registry.
void LibraryApi::ociRedirect(const httplib::Request&, httplib::Response& res)
{
    ErrorReplies::library(
        res,
        Error(ErrorCode::NotFound, QStringLiteral("this registry serves SIF images over the library protocol only")));
}

} // namespace sreg::http
