#include "NativeApi.h"

#include "BearerAuth.h"
#include "DownloadHandler.h"
#include "ErrorReplies.h"
#include "JsonReplies.h"
#include "LibraryRequest.h"
#include "NativeJson.h"
#include "RequestState.h"
#include "ServerContext.h"
#include "UploadHandler.h"
#include "common/ImageRef.h"
#include "common/Names.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <QJsonArray>
#include <httplib.h>
#include <map>

namespace sreg::http {

namespace {

constexpr int MaxLabelImages = 500;

struct NativeRef
{
    QString collection;
    QString name;
    QString tag;
};

// "<collection>/<name>[:<tag>][@<version>][/]"; the version is ignored on reads, as sregistry does.
Result<NativeRef> parseNativeRef(QString text)
{
    while (text.endsWith(u'/'))
        text.chop(1);
    if (const qsizetype at = text.indexOf(u'@'); at >= 0)
        text.truncate(at);
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("expected <collection>/<name>[:<tag>]"));
    NativeRef ref;
    ref.collection = text.left(slash);
    QString rest = text.mid(slash + 1);
    const qsizetype colon = rest.indexOf(u':');
    ref.name = colon < 0 ? rest : rest.left(colon);
    ref.tag = colon < 0 ? QStringLiteral("latest") : rest.mid(colon + 1);
    for (const auto& [value, kind] :
         { std::pair { ref.collection, QStringLiteral("collection") },
           std::pair { ref.name, QStringLiteral("container") }, std::pair { ref.tag, QStringLiteral("tag") } }) {
        if (!Names::isValid(value))
            return Error(ErrorCode::InvalidName, Names::whyInvalid(value, kind));
    }
    return ref;
}

ImageRef toImageRef(const NativeRef& ref)
{
    ImageRef image;
    image.collection = ref.collection;
    image.container = ref.name;
    image.tag = ref.tag;
    return image;
}

} // namespace

NativeApi::NativeApi(ServerContext& context) : m_context(context) { }

void NativeApi::registerRoutes(httplib::Server& server)
{
    using namespace std::placeholders;
    const std::string name = "([^/]+)";
    server.Get("/api/collections/?", std::bind(&NativeApi::collections, this, _1, _2));
    server.Get("/api/collection/" + name + "/?", std::bind(&NativeApi::collection, this, _1, _2));
    server.Get("/api/container/search/collection/" + name + "/name/" + name + "(?:/tag/" + name + ")?/?",
               [this](const httplib::Request& req, httplib::Response& res) { searchContainers(req, res, true); });
    server.Get("/api/container/search/name/" + name + "(?:/tag/" + name + ")?/?",
               [this](const httplib::Request& req, httplib::Response& res) { searchContainers(req, res, false); });
    server.Get("/api/container/(.+)", std::bind(&NativeApi::container, this, _1, _2));
    server.Delete("/api/container/(.+)",
                  UploadHandler::draining(std::bind(&NativeApi::deleteContainer, this, _1, _2, _3)));
    server.Get("/api/labels/search(?:/" + name + "/key)?(?:/" + name + "/value)?/?",
               std::bind(&NativeApi::labels, this, _1, _2));
    server.Get("/api/registry/identity/?", std::bind(&NativeApi::identity, this, _1, _2));
    server.Get("/capability/([A-Za-z0-9_-]+)", std::bind(&NativeApi::download, this, _1, _2));
}

bool NativeApi::reject(httplib::Response& res, const AuthOutcome& outcome)
{
    if (outcome.retryAfterSeconds > 0) {
        ErrorReplies::tooManyNative(res, outcome.retryAfterSeconds);
        return true;
    }
    if (outcome.error) {
        ErrorReplies::native(res, *outcome.error);
        return true;
    }
    return false;
}

std::optional<Actor> NativeApi::readingActor(const httplib::Request& req, httplib::Response& res)
{
    if (HmacAuth::isHmac(req))
        return Actor::anonymous(); // sregistry-cli signs only requests that name an image; listings are public
    const AuthOutcome outcome = m_context.bearer().authenticate(req);
    if (reject(res, outcome))
        return std::nullopt;
    return outcome.actor;
}

std::optional<Actor> NativeApi::signedActor(const httplib::Request& req, httplib::Response& res, const QString& kind,
                                            const QString& collection, const QString& name, const QString& tag)
{
    const AuthOutcome outcome = HmacAuth::isHmac(req) ? m_context.hmac().authenticate(req, kind, collection, name, tag)
                                                      : m_context.bearer().authenticate(req);
    if (reject(res, outcome))
        return std::nullopt;
    return outcome.actor;
}

void NativeApi::collections(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = readingActor(req, res);
    if (!actor)
        return;
    // sregistry-cli re-fetches while "next" is not null, and never follows it: with no ?limit= everything comes
    // in one page with "next": null. A client that pages with ?limit=&offset= gets real links.
    const bool paged = req.has_param("limit");
    const int limit = paged ? std::clamp(LibraryRequest::query(req, "limit").toInt(), 1, 1000) : 0;
    const int offset = paged ? std::max(0, LibraryRequest::query(req, "offset").toInt()) : 0;
    // Only the requested page is read (its collections' aggregates and tags cost their own size, never the
    // registry's); the total comes from a count.
    CollectionService& collections = m_context.registry().collections();
    Result<qint64> total = collections.count(*actor);
    if (!total)
        return ErrorReplies::native(res, total.error());
    CollectionQuery query;
    query.offset = offset;
    query.limit = paged ? limit : 100000;
    Result<QList<CollectionRecord>> pageRecords = collections.list(*actor, query);
    if (!pageRecords)
        return ErrorReplies::native(res, pageRecords.error());
    const QString base = m_context.baseUrl(req);
    QJsonArray results;
    for (const CollectionRecord& collection : *pageRecords) {
        Result<QList<TagRecord>> tags = m_context.registry().images().tags(*actor, collection.name);
        results.append(NativeJson::collection(collection, tags ? *tags : QList<TagRecord>(), base));
    }
    const qsizetype first = std::min<qsizetype>(offset, *total);
    const qsizetype last = first + pageRecords->size();
    const auto page = [&](qsizetype at) -> QJsonValue {
        return QStringLiteral("%1/api/collections/?limit=%2&offset=%3").arg(base).arg(limit).arg(at);
    };
    JsonReplies::send(
        res, 200,
        QJsonObject { { QStringLiteral("count"), double(*total) },
                      { QStringLiteral("next"), paged && last < *total ? page(last) : QJsonValue::Null },
                      { QStringLiteral("previous"),
                        paged && first > 0 ? page(std::max<qsizetype>(0, first - limit)) : QJsonValue::Null },
                      { QStringLiteral("results"), results } });
}

// A missing (or invisible) collection is {} with 200, as in sregistry: sregistry-cli's search prints
// "No collections found." for it, while an error status would end it with a traceback.
void NativeApi::collection(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = readingActor(req, res);
    if (!actor)
        return;
    const QString name = LibraryRequest::match(req, 1);
    Result<CollectionRecord> collection = m_context.registry().collections().get(*actor, name);
    if (!collection) {
        if (collection.error().code() == ErrorCode::NotFound || collection.error().code() == ErrorCode::InvalidName)
            return JsonReplies::send(res, 200, QJsonObject());
        return ErrorReplies::native(res, collection.error());
    }
    Result<QList<TagRecord>> tags = m_context.registry().images().tags(*actor, name);
    if (!tags)
        return ErrorReplies::native(res, tags.error());
    JsonReplies::send(res, 200, NativeJson::collection(*collection, *tags, m_context.baseUrl(req)));
}

void NativeApi::container(const httplib::Request& req, httplib::Response& res)
{
    const Result<NativeRef> ref = parseNativeRef(LibraryRequest::match(req, 1));
    if (!ref)
        return ErrorReplies::native(res, ref.error());
    const std::optional<Actor> actor
        = signedActor(req, res, QStringLiteral("pull"), ref->collection, ref->name, ref->tag);
    if (!actor)
        return;
    ImageService& images = m_context.registry().images();
    TagQuery query;
    query.container = ref->name;
    Result<QList<TagRecord>> tags = images.tags(*actor, ref->collection, query);
    Result<ImageRecord> image = tags ? images.resolve(*actor, toImageRef(*ref)) : Result<ImageRecord>(tags.error());
    if (!image) {
        // sregistry-cli signs a pull only after a 403: an anonymous caller gets 403 for whatever it may not see,
        // existing or not. Signed callers get the truth (404 covers invisible ones too).
        if (image.error().code() == ErrorCode::NotFound && !actor->isAuthenticated())
            return ErrorReplies::native(res, 403, QStringLiteral("Authentication Required"));
        if (image.error().code() == ErrorCode::NotFound)
            return ErrorReplies::native(res, 404, QStringLiteral("Container Not Found"));
        return ErrorReplies::native(res, image.error());
    }
    TagRecord tag;
    tag.collection = ref->collection;
    tag.container = ref->name;
    tag.name = ref->tag;
    for (const TagRecord& candidate : *tags) {
        if (candidate.name == ref->tag && candidate.image.id == image->id)
            tag = candidate;
    }
    tag.image = *image;
    CapabilityGrant grant;
    grant.purpose = CapabilityGrant::Purpose::Download;
    grant.actor = *actor;
    grant.imageId = image->id;
    grant.filename = QStringLiteral("%1-%2:%3.sif").arg(ref->collection, ref->name, ref->tag);
    const QString token = m_context.capabilities().issue(grant, m_context.config().downloadUrlValidity);
    JsonReplies::send(res, 200,
                      NativeJson::container(tag, m_context.baseUrl(req), m_context.capabilityUrl(req, token)));
}

void NativeApi::deleteContainer(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&)
{
    const Result<NativeRef> ref = parseNativeRef(LibraryRequest::match(req, 1));
    if (!ref)
        return ErrorReplies::native(res, ref.error());
    const std::optional<Actor> actor
        = signedActor(req, res, QStringLiteral("delete"), ref->collection, ref->name, ref->tag);
    if (!actor)
        return;
    if (!actor->isAuthenticated())
        return ErrorReplies::native(res, 403, QStringLiteral("Authentication Required"));
    const Status removed = m_context.registry().images().remove(*actor, toImageRef(*ref));
    if (!removed) {
        const QString uri = NativeJson::uri(ref->collection, ref->name, ref->tag);
        switch (removed.error().code()) {
        case ErrorCode::Frozen: // sregistry's wording
            return ErrorReplies::native(res, 403, QStringLiteral("%1 is frozen, delete not allowed.").arg(uri));
        case ErrorCode::NotFound:
            return ErrorReplies::native(res, 404, QStringLiteral("Container Not Found"));
        case ErrorCode::PermissionDenied:
            return ErrorReplies::native(res, 403, QStringLiteral("Unauthorized: %1").arg(removed.error().message()));
        default:
            return ErrorReplies::native(res, removed.error());
        }
    }
    res.status = 204;
}

void NativeApi::searchContainers(const httplib::Request& req, httplib::Response& res, bool withCollection)
{
    const std::optional<Actor> actor = readingActor(req, res);
    if (!actor)
        return;
    const int offset = withCollection ? 1 : 0;
    const QString collection = withCollection ? LibraryRequest::match(req, 1).toLower() : QString();
    const QString name = LibraryRequest::match(req, 1 + offset).toLower();
    const QString tag = LibraryRequest::match(req, 2 + offset).toLower();
    const QString base = m_context.baseUrl(req);
    QJsonArray found;
    ImageService& images = m_context.registry().images();
    if (withCollection) {
        TagQuery query;
        query.container = name;
        Result<QList<TagRecord>> tags = images.tags(*actor, collection, query);
        for (const TagRecord& record : tags ? *tags : QList<TagRecord>()) {
            if (record.container == name && (tag.isEmpty() || record.name == tag))
                found.append(NativeJson::container(record, base));
        }
        return JsonReplies::send(res, 200, found);
    }
    SearchQuery query;
    query.text = name;
    Result<SearchResults> results = images.search(*actor, query);
    if (!results)
        return ErrorReplies::native(res, results.error());
    for (const ImageRecord& image : results->images) {
        if (image.container != name)
            continue;
        for (const QString& imageTag : image.tags) {
            if (!tag.isEmpty() && imageTag != tag)
                continue;
            TagRecord record;
            record.collection = image.collection;
            record.container = image.container;
            record.name = imageTag;
            record.image = image;
            found.append(NativeJson::container(record, base));
        }
    }
    JsonReplies::send(res, 200, found);
}

void NativeApi::labels(const httplib::Request& req, httplib::Response& res)
{
    const std::optional<Actor> actor = readingActor(req, res);
    if (!actor)
        return;
    // sregistry lower-cases labels when it stores them, so matches and answers are lower case too.
    Result<QList<LabelMatch>> matches = m_context.registry().images().labels(
        *actor, LibraryRequest::match(req, 1), LibraryRequest::match(req, 2), MaxLabelImages);
    if (!matches)
        return ErrorReplies::native(res, matches.error());
    std::map<std::pair<QString, QString>, QStringList> grouped;
    for (const LabelMatch& match : *matches) {
        QStringList& uris = grouped[{ match.key.toLower(), match.value.toLower() }];
        for (const ImageRecord& image : match.images) {
            if (image.tags.isEmpty())
                uris.append(image.collection + u'/' + image.container + u'@' + image.digest);
            for (const QString& tag : image.tags)
                uris.append(NativeJson::uri(image.collection, image.container, tag));
        }
    }
    QJsonArray reply;
    for (const auto& [label, uris] : grouped)
        reply.append(QJsonObject { { QStringLiteral("key"), label.first },
                                   { QStringLiteral("value"), label.second },
                                   { QStringLiteral("containers"), QJsonArray::fromStringList(uris) } });
    JsonReplies::send(res, 200, reply);
}

void NativeApi::identity(const httplib::Request& req, httplib::Response& res)
{
    JsonReplies::send(res, 200,
                      QJsonObject { { QStringLiteral("name"), m_context.config().registryName },
                                    { QStringLiteral("id"), QStringLiteral("sregistry-desktop") },
                                    { QStringLiteral("url"), m_context.baseUrl(req) } });
}

void NativeApi::download(const httplib::Request& req, httplib::Response& res)
{
    if (const int wait = m_context.rateLimiter().retryAfter(m_context.clientAddress(req)); wait > 0)
        return ErrorReplies::tooManyNative(res, wait);
    const std::optional<CapabilityGrant> grant
        = m_context.capabilities().find(LibraryRequest::match(req, 1), CapabilityGrant::Purpose::Download);
    if (!grant) {
        m_context.rateLimiter().recordFailure(m_context.clientAddress(req));
        return ErrorReplies::native(res, 403, QStringLiteral("this download URL is invalid or has expired"));
    }
    RequestState::setUser(grant->actor.isAuthenticated() ? grant->actor.name : QString());
    ImageService& images = m_context.registry().images();
    Result<ImageRecord> image = images.imageById(grant->actor, grant->imageId);
    if (!image)
        return ErrorReplies::native(res, image.error());
    const std::string range = req.get_header_value("Range");
    const bool counts = req.method == "GET" && (range.empty() || range.rfind("bytes=0-", 0) == 0);
    Result<std::unique_ptr<ByteSource>> bytes = images.openBytes(grant->actor, *image, counts);
    if (!bytes)
        return ErrorReplies::native(res, bytes.error());
    DownloadHandler::Options options;
    options.etag = image->digest;
    options.filename = grant->filename;
    DownloadHandler::serve(req, res, std::shared_ptr<ByteSource>(std::move(*bytes)), options);
}

} // namespace sreg::http
