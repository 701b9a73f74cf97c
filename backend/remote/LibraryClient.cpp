#include "LibraryClient.h"

#include "RemoteErrors.h"
#include "RemoteHttp.h"
#include "common/Names.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace sreg::remote {

namespace {

LibraryClient::Image imageFrom(const QJsonObject& data)
{
    LibraryClient::Image image;
    image.id = data.value(QStringLiteral("id")).toVariant().toString();
    image.hash = data.value(QStringLiteral("hash")).toString();
    image.size = qint64(data.value(QStringLiteral("size")).toDouble());
    image.uploaded = data.value(QStringLiteral("uploaded")).toBool();
    image.arch = data.value(QStringLiteral("arch")).toString();
    image.containerId = data.value(QStringLiteral("container")).toVariant().toString();
    for (const QJsonValue& tag : data.value(QStringLiteral("tags")).toArray())
        image.tags.append(tag.toString());
    return image;
}

QString idOf(const QJsonObject& reply)
{
    return reply.value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toVariant().toString();
}

} // namespace

LibraryClient::LibraryClient(RemoteHttp& http, QString entity, QString apiVersion)
    : m_http(http)
    , m_entity(Names::isValid(entity) ? entity : QStringLiteral("library"))
    , m_apiVersion(std::move(apiVersion))
{
}

bool LibraryClient::hasV2Upload() const
{
    return m_apiVersion.section(u'.', 0, 0).toInt() >= 2;
}

QString LibraryClient::refPath(const QString& kind, const QString& collection, const QString& container,
                               const QString& tagOrDigest, const QString& arch) const
{
    return QStringLiteral("/v1/%1/%2/%3/%4:%5?arch=%6")
        .arg(kind, m_entity, collection, container, tagOrDigest, QString::fromLatin1(QUrl::toPercentEncoding(arch)));
}

QString LibraryClient::imageFilePath(const QString& collection, const QString& container, const QString& tagOrDigest,
                                     const QString& arch) const
{
    return refPath(QStringLiteral("imagefile"), collection, container, tagOrDigest, arch);
}

Result<std::optional<LibraryClient::Image>> LibraryClient::image(const QString& collection, const QString& container,
                                                                 const QString& tagOrDigest, const QString& arch)
{
    RemoteRequest request;
    request.target = refPath(QStringLiteral("images"), collection, container, tagOrDigest, arch);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return std::optional<Image>();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply,
                                       QStringLiteral("look up %1/%2:%3").arg(collection, container, tagOrDigest));
    return std::optional<Image>(imageFrom(reply->json().value(QStringLiteral("data")).toObject()));
}

Result<QJsonObject> LibraryClient::postJson(const QString& path, const QJsonObject& body, const QString& what)
{
    RemoteRequest request;
    request.method = "POST";
    request.target = path;
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    Result<RemoteReply> reply = m_http.send(request);
    if (!reply)
        return reply.error().prefixed(what);
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, what);
    return reply->json();
}

Result<QString> LibraryClient::ensureCollection(const QString& collection, bool isPrivate)
{
    RemoteRequest request;
    request.target = QStringLiteral("/v1/collections/%1/%2").arg(m_entity, collection);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (reply->ok())
        return idOf(reply->json());
    if (reply->status != 404)
        return RemoteErrors::fromReply(*reply, QStringLiteral("look up collection %1").arg(collection));
    Result<QJsonObject> created = postJson(QStringLiteral("/v1/collections"),
                                           QJsonObject { { QStringLiteral("name"), collection },
                                                         { QStringLiteral("entity"), m_entity },
                                                         { QStringLiteral("description"), QString() },
                                                         { QStringLiteral("private"), isPrivate } },
                                           QStringLiteral("create collection %1").arg(collection));
    if (!created)
        return created.error();
    return idOf(*created);
}

Result<QString> LibraryClient::ensureContainer(const QString& collectionId, const QString& collection,
                                               const QString& container)
{
    RemoteRequest request;
    request.target = QStringLiteral("/v1/containers/%1/%2/%3").arg(m_entity, collection, container);
    Result<RemoteReply> reply = m_http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (reply->ok())
        return idOf(reply->json());
    if (reply->status != 404)
        return RemoteErrors::fromReply(*reply, QStringLiteral("look up container %1/%2").arg(collection, container));
    Result<QJsonObject> created = postJson(
        QStringLiteral("/v1/containers"),
        QJsonObject { { QStringLiteral("name"), container }, { QStringLiteral("collection"), collectionId } },
        QStringLiteral("create container %1/%2").arg(collection, container));
    if (!created)
        return created.error();
    return idOf(*created);
}

Result<LibraryClient::Image> LibraryClient::createImage(const QString& containerId, const Digest& digest,
                                                        const QString& description)
{
    Result<QJsonObject> created = postJson(QStringLiteral("/v1/images"),
                                           QJsonObject { { QStringLiteral("hash"), digest.toString() },
                                                         { QStringLiteral("container"), containerId },
                                                         { QStringLiteral("description"), description } },
                                           QStringLiteral("announce image %1").arg(digest.toString()));
    if (!created)
        return created.error();
    return imageFrom(created->value(QStringLiteral("data")).toObject());
}

Status LibraryClient::setTag(const QString& containerId, const QString& tag, const QString& imageId,
                             const QString& arch)
{
    // alpha.2 brought architecture-aware tags; earlier servers only know v1.
    const bool v2 = m_apiVersion.startsWith(QStringLiteral("2.")) && m_apiVersion != u"2.0.0-alpha.1";
    QJsonObject body { { QStringLiteral("Tag"), tag }, { QStringLiteral("ImageID"), imageId } };
    if (v2)
        body.insert(QStringLiteral("Arch"), arch);
    Result<QJsonObject> set
        = postJson(QStringLiteral("/%1/tags/%2").arg(v2 ? QStringLiteral("v2") : QStringLiteral("v1"), containerId),
                   body, QStringLiteral("set tag %1").arg(tag));
    if (!set)
        return set.error();
    return {};
}

} // namespace sreg::remote
