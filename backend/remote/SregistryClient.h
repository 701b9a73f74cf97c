#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sreg::remote {

class RemoteHttp;

// The sregistry native API (/api/…) where it has what the library API lacks: listing collections and their
// containers, a container's frozen flag, and deleting. Private collections are not listed by sregistry at all;
// a private container is read with a pull signature after the server's 403 (as sregistry-cli does), which needs
// the connection's user name.
class SregistryClient final
{
public:
    struct ContainerEntry
    {
        QString name;
        QString tag;
    };
    struct CollectionEntry
    {
        qint64 id = 0;
        QString name;
        qint64 createdAt = 0;
        qint64 updatedAt = 0;
        QList<ContainerEntry> containers;
    };
    struct Page
    {
        QList<CollectionEntry> collections;
        bool more = false;
    };

    explicit SregistryClient(RemoteHttp& http);

    Result<Page> collections(int offset, int limit);
    // nullopt-like empty name when the collection does not exist (sregistry answers {}).
    Result<CollectionEntry> collection(const QString& name);
    // The container's record: {"id","name","tag","version","frozen","metadata","image","add_date",…}.
    Result<QJsonObject> container(const QString& collection, const QString& name, const QString& tag);
    Status remove(const QString& collection, const QString& name, const QString& tag);

    static qint64 parseTime(const QString& text);

private:
    RemoteHttp& m_http;
};

} // namespace sreg::remote
