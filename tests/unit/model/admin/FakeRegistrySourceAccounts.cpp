// FakeRegistrySource, continued: collections' settings and members, users, teams, tokens and the audit log.
#include "FakeRegistrySource.h"
#include "common/Names.h"

#include <QDateTime>

namespace sreg::test {

namespace {

Error notFound(const QString& what)
{
    return Error(ErrorCode::NotFound, QStringLiteral("%1 not found").arg(what));
}

Error invalidName(const QString& name)
{
    return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("name")));
}

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

void FakeRegistrySource::createCollection(const QString& name, const QString& description, bool isPrivate,
                                          QObject* context, SourceCallback<CollectionRecord> done)
{
    answer<CollectionRecord>(QStringLiteral("createCollection"), context, done,
                             [=, this]() -> Result<CollectionRecord> {
                                 if (!Names::isValid(name))
                                     return invalidName(name);
                                 if (m_collections.contains(name))
                                     return Error(ErrorCode::AlreadyExists, QStringLiteral("%1 exists").arg(name));
                                 CollectionRecord created;
                                 created.id = m_nextId++;
                                 created.name = name;
                                 created.description = description;
                                 created.isPrivate = isPrivate;
                                 created.createdAt = created.updatedAt = now();
                                 m_collections.insert(name, created);
                                 record(QStringLiteral("collection.create"), QStringLiteral("collection"), name);
                                 Q_EMIT collectionChanged(QString());
                                 return created;
                             });
}

void FakeRegistrySource::updateCollection(const QString& name, const CollectionUpdate& update, QObject* context,
                                          SourceCallback<CollectionRecord> done)
{
    answer<CollectionRecord>(QStringLiteral("updateCollection"), context, done,
                             [=, this]() -> Result<CollectionRecord> {
                                 auto found = m_collections.find(name);
                                 if (found == m_collections.end())
                                     return notFound(name);
                                 if (update.description)
                                     found->description = *update.description;
                                 if (update.isPrivate)
                                     found->isPrivate = *update.isPrivate;
                                 if (update.contributorsCanPush)
                                     found->contributorsCanPush = *update.contributorsCanPush;
                                 if (update.quotaBytes)
                                     found->quotaBytes = *update.quotaBytes;
                                 found->updatedAt = now();
                                 record(QStringLiteral("collection.update"), QStringLiteral("collection"), name);
                                 Q_EMIT collectionChanged(name);
                                 return *found;
                             });
}

void FakeRegistrySource::deleteCollection(const QString& name, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("deleteCollection"), context, done, [=, this]() -> Result<bool> {
        if (!m_collections.remove(name))
            return notFound(name);
        m_containers.remove(name);
        m_members.remove(name);
        record(QStringLiteral("collection.delete"), QStringLiteral("collection"), name);
        Q_EMIT collectionChanged(QString());
        return true;
    });
}

void FakeRegistrySource::members(const QString& collection, QObject* context,
                                 SourceCallback<QList<CollectionMemberRecord>> done)
{
    answer<QList<CollectionMemberRecord>>(QStringLiteral("members"), context, done,
                                          [=, this]() -> Result<QList<CollectionMemberRecord>> {
                                              if (!m_collections.contains(collection))
                                                  return notFound(collection);
                                              return m_members.value(collection);
                                          });
}

void FakeRegistrySource::setMember(const QString& collection, const QString& principal, bool isTeam,
                                   const QString& role, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setMember"), context, done, [=, this]() -> Result<bool> {
        if (!m_collections.contains(collection))
            return notFound(collection);
        if (isTeam ? !m_teams.contains(principal) : !m_users.contains(principal))
            return notFound(principal);
        QList<CollectionMemberRecord>& list = m_members[collection];
        auto found = std::find_if(list.begin(), list.end(), [&](const CollectionMemberRecord& member) {
            return member.name == principal && member.isTeam == isTeam;
        });
        if (role.isEmpty()) {
            if (found != list.end())
                list.erase(found);
        } else if (found != list.end()) {
            found->owner = role == u"owner";
        } else {
            list.append({ principal, isTeam, role == u"owner" });
        }
        record(QStringLiteral("collection.members"), QStringLiteral("collection"), collection);
        return true;
    });
}

void FakeRegistrySource::users(QObject* context, SourceCallback<QList<UserRecord>> done)
{
    answer<QList<UserRecord>>(QStringLiteral("users"), context, done, [this] { return m_users.values(); });
}

void FakeRegistrySource::addUser(const QString& name, bool admin, const QString& fullName, const QString& email,
                                 QObject* context, SourceCallback<UserRecord> done)
{
    answer<UserRecord>(QStringLiteral("addUser"), context, done, [=, this]() -> Result<UserRecord> {
        if (!Names::isValid(name))
            return invalidName(name);
        if (m_users.contains(name))
            return Error(ErrorCode::AlreadyExists, QStringLiteral("user %1 exists").arg(name));
        addUserDirect(name, admin);
        m_users[name].fullName = fullName;
        m_users[name].email = email;
        record(QStringLiteral("user.add"), QStringLiteral("user"), name);
        Q_EMIT accountsChanged();
        return m_users.value(name);
    });
}

void FakeRegistrySource::setUserActive(const QString& name, bool active, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setUserActive"), context, done, [=, this]() -> Result<bool> {
        if (!m_users.contains(name))
            return notFound(name);
        m_users[name].active = active;
        Q_EMIT accountsChanged();
        return true;
    });
}

void FakeRegistrySource::setUserAdmin(const QString& name, bool admin, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setUserAdmin"), context, done, [=, this]() -> Result<bool> {
        if (!m_users.contains(name))
            return notFound(name);
        m_users[name].admin = admin;
        record(QStringLiteral("user.role"), QStringLiteral("user"), name);
        Q_EMIT accountsChanged();
        return true;
    });
}

void FakeRegistrySource::setUserQuota(const QString& name, std::optional<qint64> bytes, QObject* context,
                                      SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setUserQuota"), context, done, [=, this]() -> Result<bool> {
        if (!m_users.contains(name))
            return notFound(name);
        m_users[name].quotaBytes = bytes;
        Q_EMIT accountsChanged();
        return true;
    });
}

void FakeRegistrySource::teams(QObject* context, SourceCallback<QList<TeamRecord>> done)
{
    answer<QList<TeamRecord>>(QStringLiteral("teams"), context, done, [this] { return m_teams.values(); });
}

void FakeRegistrySource::createTeam(const QString& name, const QString& description, QObject* context,
                                    SourceCallback<TeamRecord> done)
{
    answer<TeamRecord>(QStringLiteral("createTeam"), context, done, [=, this]() -> Result<TeamRecord> {
        if (!Names::isValid(name))
            return invalidName(name);
        if (m_teams.contains(name))
            return Error(ErrorCode::AlreadyExists, QStringLiteral("team %1 exists").arg(name));
        TeamRecord team;
        team.id = m_nextId++;
        team.name = name;
        team.description = description;
        team.createdAt = now();
        m_teams.insert(name, team);
        Q_EMIT accountsChanged();
        return team;
    });
}

void FakeRegistrySource::removeTeam(const QString& name, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("removeTeam"), context, done, [=, this]() -> Result<bool> {
        if (!m_teams.remove(name))
            return notFound(name);
        Q_EMIT accountsChanged();
        return true;
    });
}

void FakeRegistrySource::setTeamMember(const QString& team, const QString& user, const QString& role, QObject* context,
                                       SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setTeamMember"), context, done, [=, this]() -> Result<bool> {
        if (!m_teams.contains(team))
            return notFound(team);
        if (!m_users.contains(user))
            return notFound(user);
        QList<TeamMemberRecord>& members = m_teams[team].members;
        members.removeIf([&](const TeamMemberRecord& member) { return member.userName == user; });
        if (!role.isEmpty())
            members.append({ m_users.value(user).id, user, role == u"owner" });
        Q_EMIT accountsChanged();
        return true;
    });
}

void FakeRegistrySource::tokens(const QString& user, QObject* context, SourceCallback<QList<TokenRecord>> done)
{
    answer<QList<TokenRecord>>(QStringLiteral("tokens"), context, done, [=, this]() -> Result<QList<TokenRecord>> {
        if (!m_users.contains(user))
            return notFound(user);
        QList<TokenRecord> mine;
        for (const TokenRecord& token : m_tokens) {
            if (token.userName == user)
                mine.append(token);
        }
        return mine;
    });
}

void FakeRegistrySource::createToken(const QString& user, const QString& name, Scopes scopes,
                                     std::optional<qint64> expiresAt, QObject* context, SourceCallback<NewToken> done)
{
    answer<NewToken>(QStringLiteral("createToken"), context, done, [=, this]() -> Result<NewToken> {
        if (!m_users.contains(user))
            return notFound(user);
        NewToken created;
        created.token.id = m_nextId++;
        created.token.userId = m_users.value(user).id;
        created.token.userName = user;
        created.token.name = name;
        created.token.publicId = QStringLiteral("pub%1").arg(created.token.id);
        created.token.scopes = scopeNames(scopes);
        created.token.createdAt = now();
        created.token.expiresAt = expiresAt;
        created.secret = QStringLiteral("sreg_secret_%1").arg(created.token.id);
        m_tokens.append(created.token);
        record(QStringLiteral("token.create"), QStringLiteral("token"), name);
        return created;
    });
}

void FakeRegistrySource::revokeToken(qint64 tokenId, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("revokeToken"), context, done, [=, this]() -> Result<bool> {
        for (TokenRecord& token : m_tokens) {
            if (token.id == tokenId) {
                token.revokedAt = now();
                record(QStringLiteral("token.revoke"), QStringLiteral("token"), token.name);
                return true;
            }
        }
        return notFound(QStringLiteral("token"));
    });
}

void FakeRegistrySource::audit(const AuditQuery& query, QObject* context, SourceCallback<QList<AuditEventRecord>> done)
{
    answer<QList<AuditEventRecord>>(QStringLiteral("audit"), context, done, [=, this] {
        QList<AuditEventRecord> page;
        for (auto it = m_audit.crbegin(); it != m_audit.crend() && page.size() < query.limit; ++it) {
            const AuditEventRecord& event = *it;
            if ((query.beforeId && event.id >= query.beforeId) || (!query.actor.isEmpty() && event.actor != query.actor)
                || (!query.action.isEmpty() && event.action != query.action) || (query.since && event.at < query.since)
                || (query.until && event.at >= query.until))
                continue;
            if (!query.text.isEmpty() && !event.object.contains(query.text, Qt::CaseInsensitive)
                && !event.detail.contains(query.text, Qt::CaseInsensitive))
                continue;
            page.append(event);
        }
        return page;
    });
}

} // namespace sreg::test
