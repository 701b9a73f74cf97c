#include "NativeJson.h"

#include "common/Clock.h"

#include <QJsonArray>

namespace sreg::http {

namespace {

QString detailUrl(const QString& baseUrl, const QString& uri)
{
    return baseUrl + QStringLiteral("/api/container/") + uri;
}

} // namespace

QString NativeJson::uri(const QString& collection, const QString& container, const QString& tag)
{
    return collection + u'/' + container + u':' + tag;
}

QJsonObject NativeJson::container(const TagRecord& tag, const QString& baseUrl, const QString& imageUrl)
{
    const ImageRecord& image = tag.image;
    const QString uri = NativeJson::uri(tag.collection, tag.container, tag.name);
    QJsonObject metadata { { QStringLiteral("size"), image.size },
                           { QStringLiteral("size_mb"), double(image.size) / (1 << 20) },
                           { QStringLiteral("arch"), tag.arch.isEmpty() ? image.arch : tag.arch },
                           { QStringLiteral("signed"), image.isSigned } };
    QJsonObject object { { QStringLiteral("id"), image.id },
                         { QStringLiteral("name"), tag.container },
                         { QStringLiteral("tag"), tag.name },
                         { QStringLiteral("collection"), tag.collection },
                         { QStringLiteral("version"), image.digest },
                         { QStringLiteral("frozen"), tag.frozen },
                         { QStringLiteral("add_date"), toRfc3339(tag.updatedAt > 0 ? tag.updatedAt : image.createdAt) },
                         { QStringLiteral("metrics"), QJsonObject() },
                         { QStringLiteral("metadata"), metadata },
                         { QStringLiteral("uri"), uri },
                         { QStringLiteral("detail"), detailUrl(baseUrl, uri) } };
    if (!imageUrl.isEmpty())
        object.insert(QStringLiteral("image"), imageUrl);
    return object;
}

QJsonObject NativeJson::collection(const CollectionRecord& collection, const QList<TagRecord>& tags,
                                   const QString& baseUrl)
{
    QJsonArray containers;
    for (const TagRecord& tag : tags) {
        const QString uri = NativeJson::uri(tag.collection, tag.container, tag.name);
        containers.append(QJsonObject { { QStringLiteral("id"), tag.image.id },
                                        { QStringLiteral("name"), tag.container },
                                        { QStringLiteral("tag"), tag.name },
                                        { QStringLiteral("uri"), uri },
                                        { QStringLiteral("detail"), detailUrl(baseUrl, uri) } });
    }
    return QJsonObject { { QStringLiteral("id"), collection.id },
                         { QStringLiteral("name"), collection.name },
                         { QStringLiteral("add_date"), toRfc3339(collection.createdAt) },
                         { QStringLiteral("modify_date"),
                           toRfc3339(collection.updatedAt > 0 ? collection.updatedAt : collection.createdAt) },
                         { QStringLiteral("metadata"),
                           QJsonObject { { QStringLiteral("description"), collection.description } } },
                         { QStringLiteral("private"), collection.isPrivate },
                         { QStringLiteral("containers"), containers } };
}

} // namespace sreg::http
