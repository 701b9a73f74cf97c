#pragma once

#include <QFlags>
#include <QString>
#include <QStringList>

namespace sreg {

// What a credential lets its holder do, on top of what the holder's role allows.
enum class Scope
{
    Read = 0x1, // see and pull
    Push = 0x2, // plus push, tag, delete images, create collections
    Admin = 0x4, // plus everything the user's role allows (collection settings, members, users, tokens, GC)
};
Q_DECLARE_FLAGS(Scopes, Scope)
Q_DECLARE_OPERATORS_FOR_FLAGS(Scopes)

QStringList scopeNames(Scopes scopes);
// Parses "read", "push", "admin" (lists separated by ','); an unknown name gives nullopt.
std::optional<Scopes> parseScopes(const QString& text);
// A scope implies the ones below it: push implies read, admin implies push and read.
Scopes withImpliedScopes(Scopes scopes);

// Who is asking. Every engine operation takes one, and Permissions decides from it.
struct Actor
{
    enum class Kind
    {
        Anonymous, // no credentials
        User, // a registry user, authenticated by a token
        Local, // whoever holds the data folder: the CLI and the desktop app act as the registry's admin
    };

    Kind kind = Kind::Anonymous;
    qint64 userId = 0; // 0 unless kind == User
    QString name; // user name; "anonymous"; or the local operator's name
    bool admin = false;
    Scopes scopes = Scope::Read;
    qint64 tokenId = 0; // the token that authenticated a User, for last-use tracking

    static Actor anonymous();
    static Actor local(); // named after the operating-system user running the process
    static Actor user(qint64 id, const QString& name, bool admin, Scopes scopes, qint64 tokenId = 0);

    bool isAuthenticated() const { return kind != Kind::Anonymous; }
    // How the audit log names this actor: "alice", "anonymous", "local:root".
    QString auditName() const;
};

} // namespace sreg
