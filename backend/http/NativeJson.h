#pragma once

#include "metadata/Records.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sreg::http {

// The sregistry native API's JSON shapes, as sregistry's serializers produce them and sregistry-cli reads them.
class NativeJson final
{
public:
    static QString uri(const QString& collection, const QString& container, const QString& tag);
    // {"id","name","tag","collection","version","frozen","add_date","metrics","metadata","uri","detail"} plus
    // "image" (the download URL) when imageUrl is not empty.
    static QJsonObject container(const TagRecord& tag, const QString& baseUrl, const QString& imageUrl = {});
    // {"id","name","add_date","modify_date","metadata","private","containers":[{"id","name","tag","uri","detail"}]}
    static QJsonObject collection(const CollectionRecord& collection, const QList<TagRecord>& tags,
                                  const QString& baseUrl);
};

} // namespace sreg::http
