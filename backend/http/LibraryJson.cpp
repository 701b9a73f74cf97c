#include "LibraryJson.h"

#include "LibraryIds.h"
#include "common/Clock.h"
#include "common/Names.h"

#include <QJsonArray>

namespace sreg::http {

namespace {

void addCommon(QJsonObject& object, qint64 createdAt, qint64 updatedAt, const QString& createdBy)
{
    object.insert(QStringLiteral("deleted"), false);
    object.insert(QStringLiteral("createdBy"), createdBy);
    if (createdAt > 0)
        object.insert(QStringLiteral("createdAt"), toRfc3339(createdAt));
    if (updatedAt > 0)
        object.insert(QStringLiteral("updatedAt"), toRfc3339(updatedAt));
}

QString archOf(const TagRecord& tag)
{
    return tag.arch.isEmpty() ? tag.image.arch : tag.arch;
}

} // namespace

QString LibraryJson::entityFor(const QString& createdBy)
{
    return Names::isValid(createdBy) ? createdBy : QStringLiteral("library");
}

QString LibraryJson::entityFor(const CollectionRecord& collection)
{
    return entityFor(collection.createdBy);
}

QJsonObject LibraryJson::entity(const QString& name)
{
    QJsonObject object { { QStringLiteral("id"), name },
                         { QStringLiteral("name"), name },
                         { QStringLiteral("description"), name },
                         { QStringLiteral("collections"), QJsonArray() },
                         { QStringLiteral("size"), 0 },
                         { QStringLiteral("quota"), 0 },
                         { QStringLiteral("defaultPrivate"), false },
                         { QStringLiteral("customData"), QString() } };
    addCommon(object, 0, 0, QString());
    return object;
}

QJsonObject LibraryJson::collection(const CollectionRecord& collection, const QString& entity)
{
    QJsonObject object { { QStringLiteral("id"), collection.name },
                         { QStringLiteral("name"), collection.name },
                         { QStringLiteral("description"), collection.description },
                         { QStringLiteral("entity"), entity },
                         { QStringLiteral("entityName"), entity },
                         { QStringLiteral("containers"), QJsonArray() },
                         { QStringLiteral("size"), collection.totalBytes },
                         { QStringLiteral("private"), collection.isPrivate },
                         { QStringLiteral("customData"), QString() },
                         { QStringLiteral("owner"), collection.createdBy } };
    addCommon(object, collection.createdAt, collection.updatedAt, collection.createdBy);
    return object;
}

QJsonObject LibraryJson::container(const ContainerRecord& container, const QString& entity, bool isPrivate,
                                   const QList<TagRecord>& tags, const QList<ImageRecord>& images)
{
    QJsonArray imageIds;
    qint64 size = 0;
    for (const ImageRecord& image : images) {
        imageIds.append(LibraryIds::image(image.id));
        size += image.size;
    }
    QJsonObject object { { QStringLiteral("id"), LibraryIds::container(container.collection, container.name) },
                         { QStringLiteral("name"), container.name },
                         { QStringLiteral("description"), container.description },
                         { QStringLiteral("fullDescription"), container.description },
                         { QStringLiteral("collection"), container.collection },
                         { QStringLiteral("collectionName"), container.collection },
                         { QStringLiteral("entity"), entity },
                         { QStringLiteral("entityName"), entity },
                         { QStringLiteral("images"), imageIds },
                         { QStringLiteral("imageTags"), tagsV1(tags) },
                         { QStringLiteral("archTags"), tagsV2(tags) },
                         { QStringLiteral("size"), size },
                         { QStringLiteral("downloadCount"), container.downloads },
                         { QStringLiteral("stars"), 0 },
                         { QStringLiteral("private"), isPrivate },
                         { QStringLiteral("readOnly"), false },
                         { QStringLiteral("customData"), QString() } };
    addCommon(object, container.createdAt, container.updatedAt, QString());
    return object;
}

QJsonObject LibraryJson::image(const ImageRecord& image, const QString& entity)
{
    QJsonArray tags;
    for (const QString& tag : image.tags)
        tags.append(tag);
    QJsonObject object { { QStringLiteral("id"), LibraryIds::image(image.id) },
                         { QStringLiteral("hash"), image.digest },
                         { QStringLiteral("description"), image.description },
                         { QStringLiteral("container"), LibraryIds::container(image.collection, image.container) },
                         { QStringLiteral("size"), image.size },
                         { QStringLiteral("uploaded"), image.uploaded },
                         { QStringLiteral("signed"), image.isSigned },
                         { QStringLiteral("encrypted"), false },
                         { QStringLiteral("fingerprints"), QJsonArray() },
                         { QStringLiteral("customData"), QString() },
                         { QStringLiteral("entity"), entity },
                         { QStringLiteral("entityName"), entity },
                         { QStringLiteral("collection"), image.collection },
                         { QStringLiteral("collectionName"), image.collection },
                         { QStringLiteral("containerName"), image.container },
                         { QStringLiteral("tags"), tags },
                         { QStringLiteral("containerStars"), 0 },
                         { QStringLiteral("containerDownloads"), image.downloads } };
    if (!image.arch.isEmpty())
        object.insert(QStringLiteral("arch"), image.arch);
    addCommon(object, image.createdAt, 0, image.uploadedBy);
    return object;
}

QJsonObject LibraryJson::tagsV1(const QList<TagRecord>& tags)
{
    // v1 tags know no architecture: when a tag exists for several, amd64 (what v1-era clients ran on) wins.
    QJsonObject map;
    for (const TagRecord& tag : tags) {
        if (!map.contains(tag.name) || archOf(tag) == u"amd64")
            map.insert(tag.name, LibraryIds::image(tag.image.id));
    }
    return map;
}

QJsonObject LibraryJson::tagsV2(const QList<TagRecord>& tags)
{
    QJsonObject map;
    for (const TagRecord& tag : tags) {
        QJsonObject perArch = map.value(archOf(tag)).toObject();
        perArch.insert(tag.name, LibraryIds::image(tag.image.id));
        map.insert(archOf(tag), perArch);
    }
    return map;
}

} // namespace sreg::http
