#include "RemoteConnectionSettings.h"

#include <QUuid>

namespace sreg {

namespace {

const QString Group = QStringLiteral("remoteRegistries");

QString kindName(remote::RemoteInfo::Kind kind)
{
    switch (kind) {
    case remote::RemoteInfo::Kind::OurServer:
        return QStringLiteral("sregistry-server");
    case remote::RemoteInfo::Kind::Sregistry:
        return QStringLiteral("sregistry");
    case remote::RemoteInfo::Kind::LibraryOnly:
        return QStringLiteral("library");
    }
    return {};
}

remote::RemoteInfo::Kind kindOf(const QString& name)
{
    if (name == u"sregistry")
        return remote::RemoteInfo::Kind::Sregistry;
    if (name == u"library")
        return remote::RemoteInfo::Kind::LibraryOnly;
    return remote::RemoteInfo::Kind::OurServer;
}

} // namespace

remote::RemoteInfo RemoteConnectionSettings::lastKnownInfo() const
{
    remote::RemoteInfo info;
    info.kind = kind;
    info.user = user;
    info.admin = admin;
    info.tokenAccepted = !user.isEmpty();
    info.libraryApi = true;
    info.nativeApi = kind != remote::RemoteInfo::Kind::LibraryOnly;
    info.adminApi = kind == remote::RemoteInfo::Kind::OurServer;
    return info;
}

QString RemoteConnectionSettings::newId()
{
    return QStringLiteral("remote-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QList<RemoteConnectionSettings> RemoteConnectionSettings::loadAll(QSettings& settings)
{
    QList<RemoteConnectionSettings> all;
    settings.beginGroup(Group);
    for (const QString& id : settings.childGroups()) {
        settings.beginGroup(id);
        RemoteConnectionSettings connection;
        connection.id = id;
        connection.name = settings.value(QStringLiteral("name")).toString();
        connection.url = QUrl(settings.value(QStringLiteral("url")).toString());
        connection.username = settings.value(QStringLiteral("username")).toString();
        connection.fingerprint = settings.value(QStringLiteral("fingerprint")).toString();
        connection.kind = kindOf(settings.value(QStringLiteral("kind")).toString());
        connection.user = settings.value(QStringLiteral("user")).toString();
        connection.admin = settings.value(QStringLiteral("admin")).toBool();
        connection.hasToken = settings.value(QStringLiteral("hasToken")).toBool();
        connection.sessionOnly = settings.value(QStringLiteral("sessionOnly")).toBool();
        settings.endGroup();
        if (connection.url.isValid() && !connection.url.host().isEmpty())
            all.append(connection);
    }
    settings.endGroup();
    return all;
}

void RemoteConnectionSettings::save(QSettings& settings) const
{
    settings.beginGroup(Group);
    settings.beginGroup(id);
    settings.setValue(QStringLiteral("name"), name);
    settings.setValue(QStringLiteral("url"), url.toString());
    settings.setValue(QStringLiteral("username"), username);
    settings.setValue(QStringLiteral("fingerprint"), fingerprint);
    settings.setValue(QStringLiteral("kind"), kindName(kind));
    settings.setValue(QStringLiteral("user"), user);
    settings.setValue(QStringLiteral("admin"), admin);
    settings.setValue(QStringLiteral("hasToken"), hasToken);
    settings.setValue(QStringLiteral("sessionOnly"), sessionOnly);
    settings.endGroup();
    settings.endGroup();
    settings.sync();
}

void RemoteConnectionSettings::remove(QSettings& settings, const QString& id)
{
    settings.beginGroup(Group);
    settings.remove(id);
    settings.endGroup();
    settings.sync();
}

} // namespace sreg
