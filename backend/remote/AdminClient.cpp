#include "AdminClient.h"

#include "RemoteErrors.h"
#include "RemoteHttp.h"
#include "common/Clock.h"
#include "registry/RecordJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace sreg::remote {

namespace {

QString encoded(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString withQuery(const QString& path, const QList<QPair<QString, QString>>& parameters)
{
    QStringList parts;
    for (const auto& [key, value] : parameters) {
        if (!value.isEmpty())
            parts.append(key + u'=' + encoded(value));
    }
    return parts.isEmpty() ? path : path + u'?' + parts.join(u'&');
}

template<typename T> Result<QList<T>> listOf(const Result<QJsonValue>& data, T (*fromJson)(const QJsonObject&))
{
    if (!data)
        return data.error();
    QList<T> records;
    for (const QJsonValue& value : data->toArray())
        records.append(fromJson(value.toObject()));
    return records;
}

template<typename T> Result<T> oneOf(const Result<QJsonValue>& data, T (*fromJson)(const QJsonObject&))
{
    if (!data)
        return data.error();
    return fromJson(data->toObject());
}

QString refPath(const ImageRef& ref)
{
    return QStringLiteral("/admin/v1/refs/%1/%2:%3")
        .arg(ref.collection, ref.container, ref.isDigest() ? ref.digest->toString() : ref.tag);
}

} // namespace

AdminClient::AdminClient(RemoteHttp& http)
    : m_http(http)
{
}

Result<QJsonValue> AdminClient::call(const QByteArray& method, const QString& path, const QJsonObject& body,
                                     const QString& what, std::chrono::seconds timeout)
{
    RemoteRequest request;
    request.method = method;
    request.target = path;
    request.ioTimeout = timeout;
    if (method != "GET" && method != "HEAD")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    Result<RemoteReply> reply = method == "GET" ? m_http.sendIdempotent(request) : m_http.send(request);
    if (!reply)
        return reply.error().prefixed(what);
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, what);
    return reply->json().value(QStringLiteral("data"));
}

Result<QJsonValue> AdminClient::get(const QString& path, const QString& what)
{
    return call("GET", path, {}, what);
}

Status AdminClient::done(const Result<QJsonValue>& result)
{
    if (!result)
        return result.error();
    return {};
}

QString AdminClient::filePath(qint64 imageId)
{
    return QStringLiteral("/admin/v1/images/%1/file").arg(imageId);
}

Result<QList<CollectionRecord>> AdminClient::collections(const CollectionQuery& query)
{
    return listOf(get(withQuery(QStringLiteral("/admin/v1/collections"),
                                { { QStringLiteral("filter"), query.filter },
                                  { QStringLiteral("after"), query.after },
                                  { QStringLiteral("limit"), QString::number(query.limit) } }),
                      QStringLiteral("list the collections")),
                  &RecordJson::collectionFromJson);
}

Result<CollectionRecord> AdminClient::collection(const QString& name)
{
    return oneOf(get(QStringLiteral("/admin/v1/collections/") + encoded(name),
                     QStringLiteral("read collection %1").arg(name)),
                 &RecordJson::collectionFromJson);
}

Result<QList<ContainerRecord>> AdminClient::containers(const QString& collection)
{
    return listOf(get(QStringLiteral("/admin/v1/collections/%1/containers").arg(encoded(collection)),
                      QStringLiteral("list the containers of %1").arg(collection)),
                  &RecordJson::containerFromJson);
}

Result<QList<TagRecord>> AdminClient::tags(const QString& collection, const TagQuery& query)
{
    return listOf(get(withQuery(QStringLiteral("/admin/v1/collections/%1/tags").arg(encoded(collection)),
                                { { QStringLiteral("container"), query.container },
                                  { QStringLiteral("after"), query.after },
                                  { QStringLiteral("limit"), QString::number(query.limit) } }),
                      QStringLiteral("list the tags of %1").arg(collection)),
                  &RecordJson::tagFromJson);
}

Result<QList<TagRecord>> AdminClient::allTags(const QString& collection)
{
    QList<TagRecord> all;
    TagQuery query;
    query.limit = 5000;
    for (;;) {
        Result<QList<TagRecord>> page = tags(collection, query);
        if (!page)
            return page.error();
        all += *page;
        if (page->size() < query.limit)
            return all;
        const TagRecord& last = page->back();
        query.after = QStringLiteral("%1:%2:%3").arg(last.container, last.name, last.arch);
    }
}

Result<QList<TagHistoryRecord>> AdminClient::history(const QString& collection, const QString& container,
                                                     const QString& tag, const QString& arch)
{
    return listOf(get(withQuery(QStringLiteral("/admin/v1/collections/%1/containers/%2/tags/%3/history")
                                    .arg(encoded(collection), encoded(container), encoded(tag)),
                                { { QStringLiteral("arch"), arch } }),
                      QStringLiteral("read the history of %1/%2:%3").arg(collection, container, tag)),
                  &RecordJson::tagHistoryFromJson);
}

Result<ImageRecord> AdminClient::image(qint64 id)
{
    return oneOf(get(QStringLiteral("/admin/v1/images/%1").arg(id), QStringLiteral("read image %1").arg(id)),
                 &RecordJson::imageFromJson);
}

Result<QJsonObject> AdminClient::metadata(qint64 imageId)
{
    Result<QJsonValue> data = get(QStringLiteral("/admin/v1/images/%1/metadata").arg(imageId),
                                  QStringLiteral("read the metadata of image %1").arg(imageId));
    if (!data)
        return data.error();
    return data->toObject();
}

Result<SearchResults> AdminClient::search(const SearchQuery& query)
{
    Result<QJsonValue> data = get(withQuery(QStringLiteral("/admin/v1/search"),
                                            { { QStringLiteral("q"), query.text },
                                              { QStringLiteral("arch"), query.arch },
                                              { QStringLiteral("signed"),
                                                query.signedOnly ? QStringLiteral("true") : QString() },
                                              { QStringLiteral("limit"), QString::number(query.limit) } }),
                                  QStringLiteral("search"));
    if (!data)
        return data.error();
    const QJsonObject object = data->toObject();
    SearchResults results;
    for (const QJsonValue& value : object.value(QStringLiteral("collections")).toArray())
        results.collections.append(RecordJson::collectionFromJson(value.toObject()));
    for (const QJsonValue& value : object.value(QStringLiteral("containers")).toArray())
        results.containers.append(RecordJson::containerFromJson(value.toObject()));
    for (const QJsonValue& value : object.value(QStringLiteral("images")).toArray())
        results.images.append(RecordJson::imageFromJson(value.toObject()));
    return results;
}

Result<CollectionRecord> AdminClient::createCollection(const QString& name, const QString& description,
                                                       std::optional<bool> isPrivate)
{
    QJsonObject body { { QStringLiteral("name"), name }, { QStringLiteral("description"), description } };
    if (isPrivate)
        body.insert(QStringLiteral("private"), *isPrivate);
    return oneOf(call("POST", QStringLiteral("/admin/v1/collections"), body,
                      QStringLiteral("create collection %1").arg(name)),
                 &RecordJson::collectionFromJson);
}

Result<CollectionRecord> AdminClient::updateCollection(const QString& name, const CollectionUpdate& update)
{
    QJsonObject body;
    if (update.description)
        body.insert(QStringLiteral("description"), *update.description);
    if (update.isPrivate)
        body.insert(QStringLiteral("private"), *update.isPrivate);
    if (update.contributorsCanPush)
        body.insert(QStringLiteral("contributorsCanPush"), *update.contributorsCanPush);
    if (update.quotaBytes)
        body.insert(QStringLiteral("quotaBytes"),
                    *update.quotaBytes ? QJsonValue(double(**update.quotaBytes)) : QJsonValue(QJsonValue::Null));
    return oneOf(call("PATCH", QStringLiteral("/admin/v1/collections/") + encoded(name), body,
                      QStringLiteral("change collection %1").arg(name)),
                 &RecordJson::collectionFromJson);
}

Status AdminClient::deleteCollection(const QString& name)
{
    return done(call("DELETE", QStringLiteral("/admin/v1/collections/") + encoded(name), {},
                     QStringLiteral("delete collection %1").arg(name)));
}

Result<QList<CollectionMemberRecord>> AdminClient::members(const QString& collection)
{
    return listOf(get(QStringLiteral("/admin/v1/collections/%1/members").arg(encoded(collection)),
                      QStringLiteral("list the members of %1").arg(collection)),
                  &RecordJson::memberFromJson);
}

Status AdminClient::setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role)
{
    return done(call("PUT", QStringLiteral("/admin/v1/collections/%1/members").arg(encoded(collection)),
                     QJsonObject { { QStringLiteral("name"), principal },
                                   { QStringLiteral("isTeam"), isTeam },
                                   { QStringLiteral("role"), role } },
                     QStringLiteral("change the members of %1").arg(collection)));
}

Result<TagRecord> AdminClient::setTag(qint64 imageId, const QString& tag, const QString& arch)
{
    return oneOf(call("POST", QStringLiteral("/admin/v1/images/%1/tags").arg(imageId),
                      QJsonObject { { QStringLiteral("tag"), tag }, { QStringLiteral("arch"), arch } },
                      QStringLiteral("tag image %1 as %2").arg(imageId).arg(tag)),
                 &RecordJson::tagFromJson);
}

Status AdminClient::setFrozen(const ImageRef& ref, bool frozen, const QString& arch)
{
    return done(call("PUT", refPath(ref) + QStringLiteral("/frozen"),
                     QJsonObject { { QStringLiteral("frozen"), frozen }, { QStringLiteral("arch"), arch } },
                     (frozen ? QStringLiteral("freeze %1") : QStringLiteral("unfreeze %1")).arg(ref.toString())));
}

Status AdminClient::remove(const ImageRef& ref, const QString& arch)
{
    return done(call("DELETE", withQuery(refPath(ref), { { QStringLiteral("arch"), arch } }), {},
                     QStringLiteral("delete %1").arg(ref.toString())));
}

Result<QList<UserRecord>> AdminClient::users()
{
    return listOf(get(QStringLiteral("/admin/v1/users"), QStringLiteral("list the users")), &RecordJson::userFromJson);
}

Result<UserRecord> AdminClient::addUser(const QString& name, bool admin, const QString& fullName, const QString& email)
{
    return oneOf(call("POST", QStringLiteral("/admin/v1/users"),
                      QJsonObject { { QStringLiteral("name"), name },
                                    { QStringLiteral("admin"), admin },
                                    { QStringLiteral("fullName"), fullName },
                                    { QStringLiteral("email"), email } },
                      QStringLiteral("add user %1").arg(name)),
                 &RecordJson::userFromJson);
}

Status AdminClient::updateUser(const QString& name, const QJsonObject& changes)
{
    return done(call("PATCH", QStringLiteral("/admin/v1/users/") + encoded(name), changes,
                     QStringLiteral("change user %1").arg(name)));
}

Result<QList<TeamRecord>> AdminClient::teams()
{
    return listOf(get(QStringLiteral("/admin/v1/teams"), QStringLiteral("list the teams")), &RecordJson::teamFromJson);
}

Result<TeamRecord> AdminClient::createTeam(const QString& name, const QString& description)
{
    return oneOf(call("POST", QStringLiteral("/admin/v1/teams"),
                      QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("description"), description } },
                      QStringLiteral("create team %1").arg(name)),
                 &RecordJson::teamFromJson);
}

Status AdminClient::removeTeam(const QString& name)
{
    return done(call("DELETE", QStringLiteral("/admin/v1/teams/") + encoded(name), {},
                     QStringLiteral("delete team %1").arg(name)));
}

Status AdminClient::setTeamMember(const QString& team, const QString& user, const QString& role)
{
    return done(call("PUT", QStringLiteral("/admin/v1/teams/%1/members").arg(encoded(team)),
                     QJsonObject { { QStringLiteral("user"), user }, { QStringLiteral("role"), role } },
                     QStringLiteral("change the members of team %1").arg(team)));
}

Result<QList<TokenRecord>> AdminClient::tokens(const QString& user)
{
    return listOf(get(QStringLiteral("/admin/v1/users/%1/tokens").arg(encoded(user)),
                      QStringLiteral("list the tokens of %1").arg(user)),
                  &RecordJson::tokenFromJson);
}

Result<NewToken> AdminClient::createToken(const QString& user, const QString& name, Scopes scopes,
                                          std::optional<qint64> expiresAt)
{
    Result<QJsonValue> data
        = call("POST", QStringLiteral("/admin/v1/users/%1/tokens").arg(encoded(user)),
               QJsonObject { { QStringLiteral("name"), name },
                             { QStringLiteral("scopes"), QJsonArray::fromStringList(scopeNames(scopes)) },
                             { QStringLiteral("expiresAt"),
                               expiresAt ? QJsonValue(toRfc3339(*expiresAt)) : QJsonValue(QJsonValue::Null) } },
               QStringLiteral("create a token for %1").arg(user));
    if (!data)
        return data.error();
    NewToken token;
    token.token = RecordJson::tokenFromJson(data->toObject().value(QStringLiteral("token")).toObject());
    token.secret = data->toObject().value(QStringLiteral("secret")).toString();
    return token;
}

Status AdminClient::revokeToken(qint64 tokenId)
{
    return done(call("DELETE", QStringLiteral("/admin/v1/tokens/%1").arg(tokenId), {},
                     QStringLiteral("revoke token %1").arg(tokenId)));
}

Result<QList<AuditEventRecord>> AdminClient::audit(const AuditQuery& query)
{
    const auto number = [](qint64 value) { return value > 0 ? QString::number(value) : QString(); };
    return listOf(get(withQuery(QStringLiteral("/admin/v1/audit"),
                                { { QStringLiteral("actor"), query.actor },
                                  { QStringLiteral("action"), query.action },
                                  { QStringLiteral("text"), query.text },
                                  { QStringLiteral("since"), number(query.since) },
                                  { QStringLiteral("until"), number(query.until) },
                                  { QStringLiteral("beforeId"), number(query.beforeId) },
                                  { QStringLiteral("limit"), number(query.limit) } }),
                      QStringLiteral("read the audit log")),
                  &RecordJson::auditEventFromJson);
}

Result<StorageUsage> AdminClient::storage()
{
    return oneOf(get(QStringLiteral("/admin/v1/storage"), QStringLiteral("read the storage usage")),
                 &RecordJson::storageUsageFromJson);
}

Result<GcReport> AdminClient::collectGarbage(bool dryRun)
{
    // Collecting garbage on a large store takes a while: the reply comes when it is done.
    return oneOf(call("POST", QStringLiteral("/admin/v1/gc"), QJsonObject { { QStringLiteral("dryRun"), dryRun } },
                      QStringLiteral("collect garbage"), std::chrono::hours(1)),
                 &RecordJson::gcReportFromJson);
}

Result<VerifyReport> AdminClient::verify()
{
    return oneOf(call("POST", QStringLiteral("/admin/v1/verify"), {}, QStringLiteral("verify the storage"),
                      std::chrono::hours(6)),
                 &RecordJson::verifyReportFromJson);
}

} // namespace sreg::remote
