#pragma once

#include "metadata/Records.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sreg::http {

// The library API's JSON shapes (Entity, Collection, Container, Image, tag maps), keyed exactly as the Go client
// (container-library-client's models.go) reads them. Sizes are bytes; times are RFC 3339 and omitted when unknown
// (Go cannot parse ""); IDs are LibraryIds.
class LibraryJson final
{
public:
    static QJsonObject entity(const QString& name);
    static QJsonObject collection(const CollectionRecord& collection, const QString& entity);
    static QJsonObject container(const ContainerRecord& container, const QString& entity, bool isPrivate,
                                 const QList<TagRecord>& tags, const QList<ImageRecord>& images);
    static QJsonObject image(const ImageRecord& image, const QString& entity);

    static QJsonObject tagsV1(const QList<TagRecord>& tags); // {"tag": "imageID"}
    static QJsonObject tagsV2(const QList<TagRecord>& tags); // {"amd64": {"tag": "imageID"}}

    // The entity shown for a collection when the request named none: its creator, else "library".
    static QString entityFor(const CollectionRecord& collection);
    static QString entityFor(const QString& createdBy);
};

} // namespace sreg::http
