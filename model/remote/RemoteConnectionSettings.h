#pragma once

#include "remote/RemoteInfo.h"

#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

namespace sreg {

// What is remembered of a remote connection between runs, in QSettings: everything but the token, which lives
// in the SecretStore under secretKey(). The pinned certificate fingerprint is the user's trust decision for
// this connection (trust on first use).
struct RemoteConnectionSettings
{
    QString id; // stable, "remote-<uuid>"
    QString name; // shown in the tree
    QUrl url;
    QString username; // for sregistry's signatures
    QString fingerprint; // the SHA-256 of the certificate the user trusted; empty: the system's CAs
    remote::RemoteInfo::Kind kind = remote::RemoteInfo::Kind::OurServer; // what the last probe found
    QString user; // whom the token belonged to at the last probe
    bool admin = false;
    bool hasToken = false; // a token goes with this connection
    bool sessionOnly = false; // its token was kept in memory only (no keychain), so it is asked again

    QString secretKey() const { return QStringLiteral("remote/%1/token").arg(id); }
    remote::RemoteInfo lastKnownInfo() const;

    static QString newId();
    // QSettings group "remoteRegistries": one child group per connection.
    static QList<RemoteConnectionSettings> loadAll(QSettings& settings);
    void save(QSettings& settings) const;
    static void remove(QSettings& settings, const QString& id);
};

} // namespace sreg
