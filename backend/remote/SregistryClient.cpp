#include "SregistryClient.h"

#include "HmacSigner.h"
#include "RemoteErrors.h"
#include "RemoteHttp.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace sreg::remote {

namespace {

SregistryClient::CollectionEntry collectionFrom(const QJsonObject& json)
{
    SregistryClient::CollectionEntry entry;
    entry.id = qint64(json.value(QStringLiteral("id")).toDouble());
    entry.name = json.value(QStringLiteral("name")).toString();
    entry.createdAt = SregistryClient::parseTime(json.value(QStringLiteral("add_date")).toString());
    entry.updatedAt = SregistryClient::parseTime(json.value(QStringLiteral("modify_date")).toString());
    for (const QJsonValue& value : json.value(QStringLiteral("containers")).toArray()) {
        const QJsonObject container = value.toObject();
        entry.containers.append({ container.value(QStringLiteral("name")).toString(),
                                  container.value(QStringLiteral("tag")).toString() });
    }
    return entry;
}

} // namespace

SregistryClient::SregistryClient(RemoteHttp& http)
    : m_http(http)
{
}

qint64 SregistryClient::parseTime(const QString& text)
{
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    return when.isValid() ? when.toMSecsSinceEpoch() : 0;
}

Result<SregistryClient::Page> SregistryClient::collections(int offset, int limit)
{
    RemoteRequest request;
    request.target = QStringLiteral("/api/collections/?limit=%1&offset=%2").arg(limit).arg(offset);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("list the collections"));
    Page page;
    const QJsonDocument document = QJsonDocument::fromJson(reply->body);
    // sregistry pages ({"count","next","results"}); a plain list is what some versions send.
    const QJsonArray results = document.isArray() ? document.array()
                                                  : document.object().value(QStringLiteral("results")).toArray();
    for (const QJsonValue& value : results)
        page.collections.append(collectionFrom(value.toObject()));
    const QJsonObject object = document.object();
    page.more = object.value(QStringLiteral("next")).isString()
        || (object.contains(QStringLiteral("count"))
            && offset + page.collections.size() < object.value(QStringLiteral("count")).toInt()
            && page.collections.size() == limit);
    return page;
}

Result<SregistryClient::CollectionEntry> SregistryClient::collection(const QString& name)
{
    RemoteRequest request;
    request.target = QStringLiteral("/api/collection/%1/").arg(name);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("read collection %1").arg(name));
    const QJsonObject body = reply->json();
    if (body.isEmpty())
        return Error(ErrorCode::NotFound,
                     QStringLiteral("collection '%1' not found (sregistry does not list private collections)").arg(name));
    return collectionFrom(body);
}

Result<QJsonObject> SregistryClient::container(const QString& collection, const QString& name, const QString& tag)
{
    RemoteRequest request;
    request.target = QStringLiteral("/api/container/%1/%2:%3").arg(collection, name, tag);
    request.authorize = false; // sregistry reads Bearer only on the library API; here it wants a signature
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    const RemoteConnection& connection = m_http.connection();
    if (reply->status == 403 && !connection.username.isEmpty() && !connection.token.isEmpty()) {
        request.headers.append({ QByteArray("Authorization"),
                                 HmacSigner::authorization(QStringLiteral("pull"), connection.username,
                                                           connection.token, collection, name, tag) });
        reply = m_http.sendIdempotent(request);
        if (!reply)
            return reply.error();
    }
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("read %1/%2:%3").arg(collection, name, tag));
    // sregistry answers some refusals with HTTP 200 and a bare status number as the body.
    const QJsonDocument document = QJsonDocument::fromJson(reply->body);
    if (!document.isObject())
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("%1/%2:%3: the server answered %4").arg(collection, name, tag,
                                                                           QString::fromUtf8(reply->body.left(40))));
    return document.object();
}

Status SregistryClient::remove(const QString& collection, const QString& name, const QString& tag)
{
    const RemoteConnection& connection = m_http.connection();
    if (connection.username.isEmpty() || connection.token.isEmpty())
        return Error(ErrorCode::Unauthenticated,
                     QStringLiteral("deleting on an sregistry server needs the user name and token of the connection"));
    RemoteRequest request;
    request.method = "DELETE";
    request.target = QStringLiteral("/api/container/%1/%2:%3").arg(collection, name, tag);
    request.authorize = false;
    request.headers.append({ QByteArray("Authorization"),
                             HmacSigner::authorization(QStringLiteral("delete"), connection.username, connection.token,
                                                       collection, name, tag) });
    Result<RemoteReply> reply = m_http.send(request);
    if (!reply)
        return reply.error();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("delete %1/%2:%3").arg(collection, name, tag));
    return {};
}

} // namespace sreg::remote
