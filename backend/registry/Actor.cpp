#include "Actor.h"

#include <QHash>

namespace sreg {

QStringList scopeNames(Scopes scopes)
{
    QStringList names;
    if (scopes.testFlag(Scope::Read))
        names.append(QStringLiteral("read"));
    if (scopes.testFlag(Scope::Push))
        names.append(QStringLiteral("push"));
    if (scopes.testFlag(Scope::Admin))
        names.append(QStringLiteral("admin"));
    return names;
}

std::optional<Scopes> parseScopes(const QString& text)
{
    Scopes scopes;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.trimmed().toLower();
        if (name == u"read")
            scopes |= Scope::Read;
        else if (name == u"push")
            scopes |= Scope::Push;
        else if (name == u"admin")
            scopes |= Scope::Admin;
        else
            return std::nullopt;
    }
    if (!scopes)
        return std::nullopt;
    return scopes;
}

Scopes withImpliedScopes(Scopes scopes)
{
    if (scopes.testFlag(Scope::Admin))
        scopes |= Scope::Push;
    if (scopes.testFlag(Scope::Push))
        scopes |= Scope::Read;
    return scopes;
}

Actor Actor::anonymous()
{
    Actor actor;
    actor.name = QStringLiteral("anonymous");
    actor.scopes = Scope::Read;
    return actor;
}

Actor Actor::local()
{
    Actor actor;
    actor.kind = Kind::Local;
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME", QStringLiteral("operator"));
    actor.name = user;
    actor.admin = true;
    actor.scopes = Scope::Read | Scope::Push | Scope::Admin;
    return actor;
}

Actor Actor::user(qint64 id, const QString& name, bool admin, Scopes scopes, qint64 tokenId)
{
    Actor actor;
    actor.kind = Kind::User;
    actor.userId = id;
    actor.name = name;
    actor.admin = admin;
    actor.scopes = withImpliedScopes(scopes);
    actor.tokenId = tokenId;
    return actor;
}

QString Actor::auditName() const
{
    switch (kind) {
    case Kind::Anonymous:
        return QStringLiteral("anonymous");
    case Kind::Local:
        return QStringLiteral("local:") + name;
    case Kind::User:
        return name;
    }
    return name;
}

} // namespace sreg
