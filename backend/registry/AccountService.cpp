#include "AccountService.h"

#include "AuditLog.h"
#include "Permissions.h"
#include "RecordQueries.h"
#include "RegistryContext.h"
#include "TokenSecrets.h"
#include "common/Clock.h"
#include "common/Names.h"
#include "common/Sha256.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

namespace sreg {

namespace {

// Last use is recorded at most this often per token, so that authentication is not a write on every request.
constexpr qint64 LastUsedResolutionMs = 60 * 1000;

Error denied(const Actor& actor, Action action)
{
    if (!actor.isAuthenticated())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required to %1").arg(actionName(action)));
    return Error(ErrorCode::PermissionDenied, QStringLiteral("%1 may not %2").arg(actor.name, actionName(action)));
}

Result<UserRecord> findUser(QSqlDatabase& db, const QString& name)
{
    Result<QSqlQuery> query = sqlExec(
        db, QStringLiteral("SELECT %1 FROM users WHERE name = ?").arg(RecordQueries::userColumns()), { name });
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::NotFound, QStringLiteral("user '%1' not found").arg(name));
    return RecordQueries::readUser(*query);
}

TokenRecord readToken(const QSqlQuery& query)
{
    // id, user_id, users.name, name, public_id, scopes, created_at, expires_at, last_used_at, revoked_at
    TokenRecord token;
    token.id = query.value(0).toLongLong();
    token.userId = query.value(1).toLongLong();
    token.userName = query.value(2).toString();
    token.name = query.value(3).toString();
    token.publicId = query.value(4).toString();
    token.scopes = query.value(5).toString().split(u',', Qt::SkipEmptyParts);
    token.createdAt = query.value(6).toLongLong();
    token.expiresAt = RecordQueries::optionalInt(query.value(7));
    token.lastUsedAt = RecordQueries::optionalInt(query.value(8));
    token.revokedAt = RecordQueries::optionalInt(query.value(9));
    return token;
}

const QString kTokenSelect = QStringLiteral(
    "SELECT t.id, t.user_id, u.name, t.name, t.public_id, t.scopes, t.created_at, t.expires_at, t.last_used_at, "
    "t.revoked_at FROM tokens t JOIN users u ON u.id = t.user_id ");

} // namespace

AccountService::AccountService(RegistryContext& context)
    : m_context(context)
{
}

Result<UserRecord> AccountService::addUser(
    const Actor& actor, const QString& name, bool admin, const QString& fullName, const QString& email)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!Permissions::allows(actor, Action::ManageUsers))
            return denied(actor, Action::ManageUsers);
        if (!Names::isValid(name))
            return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("user")));
        if (fullName.size() > 200 || email.size() > 200)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("full name and e-mail are limited to 200 characters"));
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO users (name, full_name, email, role, active, created_at) VALUES (?, ?, ?, ?, 1, ?)"),
            { name, fullName, email, admin ? QStringLiteral("admin") : QStringLiteral("user"), nowMs() });
        if (!inserted && inserted.error().code() == ErrorCode::AlreadyExists)
            return Error(ErrorCode::AlreadyExists, QStringLiteral("user '%1' already exists").arg(name));
        return inserted ? Status() : Status(inserted.error());
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("user.add"), QStringLiteral("user"), name, status,
        admin ? QStringLiteral("admin") : QString());
    if (!status)
        return status.error();
    return findUser(db, name);
}

Result<QList<UserRecord>> AccountService::users(const Actor& actor)
{
    if (!Permissions::allows(actor, Action::ViewUsers))
        return denied(actor, Action::ViewUsers);
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows
        = sqlExec(db, QStringLiteral("SELECT %1 FROM users ORDER BY name").arg(RecordQueries::userColumns()));
    if (!rows)
        return rows.error();
    QList<UserRecord> users;
    while (rows->next())
        users.append(RecordQueries::readUser(*rows));
    return users;
}

Result<UserRecord> AccountService::user(const Actor& actor, const QString& name)
{
    if (!Permissions::allows(actor, Action::ViewUsers))
        return denied(actor, Action::ViewUsers);
    QSqlDatabase db = m_context.database->connection();
    return findUser(db, name);
}

Status AccountService::setActive(const Actor& actor, const QString& name, bool active)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!Permissions::allows(actor, Action::ManageUsers))
            return denied(actor, Action::ManageUsers);
        Result<QSqlQuery> q = sqlExec(db, QStringLiteral("UPDATE users SET active = ? WHERE name = ?"), { active ? 1 : 0, name });
        if (!q)
            return q.error();
        if (q->numRowsAffected() == 0)
            return Error(ErrorCode::NotFound, QStringLiteral("user '%1' not found").arg(name));
        return {};
    }();
    m_context.audit->recordOutcome(actor, active ? QStringLiteral("user.enable") : QStringLiteral("user.disable"),
        QStringLiteral("user"), name, status);
    return status;
}

Status AccountService::setAdmin(const Actor& actor, const QString& name, bool admin)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!Permissions::allows(actor, Action::ManageUsers))
            return denied(actor, Action::ManageUsers);
        Result<QSqlQuery> q = sqlExec(db, QStringLiteral("UPDATE users SET role = ? WHERE name = ?"),
            { admin ? QStringLiteral("admin") : QStringLiteral("user"), name });
        if (!q)
            return q.error();
        if (q->numRowsAffected() == 0)
            return Error(ErrorCode::NotFound, QStringLiteral("user '%1' not found").arg(name));
        return {};
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("user.role"), QStringLiteral("user"), name, status,
        admin ? QStringLiteral("admin") : QStringLiteral("user"));
    return status;
}

Status AccountService::setQuota(const Actor& actor, const QString& name, std::optional<qint64> quotaBytes)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!Permissions::allows(actor, Action::ManageUsers))
            return denied(actor, Action::ManageUsers);
        if (quotaBytes && *quotaBytes < 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a quota cannot be negative"));
        Result<QSqlQuery> q = sqlExec(db, QStringLiteral("UPDATE users SET quota_bytes = ? WHERE name = ?"),
            { RecordQueries::fromOptional(quotaBytes), name });
        if (!q)
            return q.error();
        if (q->numRowsAffected() == 0)
            return Error(ErrorCode::NotFound, QStringLiteral("user '%1' not found").arg(name));
        return {};
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("user.quota"), QStringLiteral("user"), name, status,
        quotaBytes ? QString::number(*quotaBytes) : QStringLiteral("none"));
    return status;
}

Result<TeamRecord> AccountService::createTeam(const Actor& actor, const QString& name, const QString& description)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!actor.isAuthenticated())
            return denied(actor, Action::ManageUsers);
        if (!actor.scopes.testFlag(Scope::Admin))
            return Error(ErrorCode::PermissionDenied, QStringLiteral("creating teams needs a token with the admin scope"));
        if (!Names::isValid(name))
            return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("team")));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO teams (name, description, created_at) VALUES (?, ?, ?) RETURNING id"),
            { name, description.left(4000), nowMs() });
        if (!inserted)
            return inserted.error().code() == ErrorCode::AlreadyExists
                ? Error(ErrorCode::AlreadyExists, QStringLiteral("team '%1' already exists").arg(name))
                : inserted.error();
        inserted->next();
        const qint64 id = inserted->value(0).toLongLong();
        inserted->finish();
        if (actor.kind == Actor::Kind::User) {
            if (Result<QSqlQuery> q = sqlExec(db,
                    QStringLiteral("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, 'owner')"),
                    { id, actor.userId });
                !q)
                return q.error();
        }
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("team.create"), QStringLiteral("team"), name, status);
    if (!status)
        return status.error();
    Result<QList<TeamRecord>> all = teams(Actor::local());
    if (!all)
        return all.error();
    for (const TeamRecord& team : *all) {
        if (team.name == name)
            return team;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("team '%1' not found").arg(name));
}

Result<QList<TeamRecord>> AccountService::teams(const Actor& actor)
{
    if (!Permissions::allows(actor, Action::ViewUsers))
        return denied(actor, Action::ViewUsers);
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db, QStringLiteral("SELECT id, name, description, created_at FROM teams ORDER BY name"));
    if (!rows)
        return rows.error();
    QList<TeamRecord> teams;
    while (rows->next()) {
        TeamRecord team;
        team.id = rows->value(0).toLongLong();
        team.name = rows->value(1).toString();
        team.description = rows->value(2).toString();
        team.createdAt = rows->value(3).toLongLong();
        teams.append(team);
    }
    Result<QSqlQuery> members = sqlExec(db,
        QStringLiteral("SELECT m.team_id, u.id, u.name, m.role FROM team_members m JOIN users u ON u.id = m.user_id "
                       "ORDER BY u.name"));
    if (!members)
        return members.error();
    while (members->next()) {
        const qint64 teamId = members->value(0).toLongLong();
        for (TeamRecord& team : teams) {
            if (team.id == teamId) {
                team.members.append({ members->value(1).toLongLong(), members->value(2).toString(),
                    members->value(3).toString() == u"owner" });
                break;
            }
        }
    }
    return teams;
}

namespace {
// Team owners manage their team; admins manage every team.
Status mayManageTeam(QSqlDatabase& db, const Actor& actor, const QString& team, qint64& teamId)
{
    Result<std::optional<QVariant>> id = sqlScalar(db, QStringLiteral("SELECT id FROM teams WHERE name = ?"), { team });
    if (!id)
        return id.error();
    if (!*id)
        return Error(ErrorCode::NotFound, QStringLiteral("team '%1' not found").arg(team));
    teamId = (*id)->toLongLong();
    if (!actor.scopes.testFlag(Scope::Admin))
        return Error(ErrorCode::PermissionDenied, QStringLiteral("managing teams needs a token with the admin scope"));
    if (actor.admin)
        return {};
    if (!actor.isAuthenticated())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required to manage teams"));
    Result<std::optional<QVariant>> role = sqlScalar(db,
        QStringLiteral("SELECT role FROM team_members WHERE team_id = ? AND user_id = ?"), { teamId, actor.userId });
    if (!role)
        return role.error();
    if (!*role || (*role)->toString() != u"owner")
        return Error(ErrorCode::PermissionDenied, QStringLiteral("only owners of team '%1' may change it").arg(team));
    return {};
}
} // namespace

Status AccountService::removeTeam(const Actor& actor, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        qint64 teamId = 0;
        if (Status allowed = mayManageTeam(db, actor, name, teamId); !allowed)
            return allowed;
        if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("DELETE FROM teams WHERE id = ?"), { teamId }); !q)
            return q.error();
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("team.delete"), QStringLiteral("team"), name, status);
    return status;
}

Status AccountService::setTeamMember(const Actor& actor, const QString& team, const QString& userName, const QString& role)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        if (!role.isEmpty() && role != u"owner" && role != u"member")
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a team member's role is 'owner' or 'member'"));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        qint64 teamId = 0;
        if (Status allowed = mayManageTeam(db, actor, team, teamId); !allowed)
            return allowed;
        Result<UserRecord> user = findUser(db, userName);
        if (!user)
            return user.error();
        if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("DELETE FROM team_members WHERE team_id = ? AND user_id = ?"),
                { teamId, user->id });
            !q)
            return q.error();
        if (!role.isEmpty()) {
            if (Result<QSqlQuery> q = sqlExec(db,
                    QStringLiteral("INSERT INTO team_members (team_id, user_id, role) VALUES (?, ?, ?)"),
                    { teamId, user->id, role });
                !q)
                return q.error();
        }
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("team.members"), QStringLiteral("team"), team, status,
        QStringLiteral("%1 -> %2").arg(userName, role.isEmpty() ? QStringLiteral("removed") : role));
    return status;
}

Result<NewToken> AccountService::createToken(const Actor& actor, const QString& userName, const QString& tokenName,
    Scopes scopes, std::optional<qint64> expiresAt)
{
    QSqlDatabase db = m_context.database->connection();
    NewToken created;
    const Status status = [&]() -> Status {
        const bool own = actor.kind == Actor::Kind::User && actor.name == userName;
        const Action action = own ? Action::ManageOwnTokens : Action::ManageAnyTokens;
        if (!Permissions::allows(actor, action))
            return denied(actor, action);
        const QString trimmed = tokenName.trimmed();
        if (trimmed.isEmpty() || trimmed.size() > 64)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a token name has 1 to 64 characters"));
        for (QChar c : trimmed) {
            if (!c.isPrint())
                return Error(ErrorCode::InvalidArgument, QStringLiteral("a token name must be printable text"));
        }
        if (!scopes)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a token needs at least one scope"));
        if (expiresAt && *expiresAt <= nowMs())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the expiry date is in the past"));
        Result<UserRecord> user = findUser(db, userName);
        if (!user)
            return user.error();
        const QString publicId = TokenSecrets::newPublicId();
        const QString secret = TokenSecrets::secretFor(m_context.tokenKey, publicId);
        const Scopes effective = withImpliedScopes(scopes);
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO tokens (user_id, name, public_id, secret_hash, scopes, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { user->id, trimmed, publicId, TokenSecrets::hashOf(secret), scopeNames(effective).join(u','), nowMs(),
                RecordQueries::fromOptional(expiresAt) });
        if (!inserted)
            return inserted.error().code() == ErrorCode::AlreadyExists
                ? Error(ErrorCode::AlreadyExists,
                    QStringLiteral("user '%1' already has a token named '%2'").arg(userName, trimmed))
                : inserted.error();
        inserted->next();
        const qint64 id = inserted->value(0).toLongLong();
        inserted->finish();
        Result<QSqlQuery> row = sqlExec(db, kTokenSelect + QStringLiteral("WHERE t.id = ?"), { id });
        if (!row)
            return row.error();
        if (!row->next())
            return Error(ErrorCode::Internal, QStringLiteral("the new token vanished"));
        created.token = readToken(*row);
        created.secret = secret;
        return {};
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("token.create"), QStringLiteral("token"),
        userName + u'/' + tokenName, status, status ? created.token.scopes.join(u',') : QString());
    if (!status)
        return status.error();
    return created;
}

Result<QList<TokenRecord>> AccountService::tokens(const Actor& actor, const QString& userName)
{
    const bool own = actor.kind == Actor::Kind::User && actor.name == userName;
    const Action action = own ? Action::ManageOwnTokens : Action::ManageAnyTokens;
    if (!Permissions::allows(actor, action))
        return denied(actor, action);
    QSqlDatabase db = m_context.database->connection();
    if (Result<UserRecord> user = findUser(db, userName); !user)
        return user.error();
    Result<QSqlQuery> rows = sqlExec(db, kTokenSelect + QStringLiteral("WHERE u.name = ? ORDER BY t.id"), { userName });
    if (!rows)
        return rows.error();
    QList<TokenRecord> tokens;
    while (rows->next())
        tokens.append(readToken(*rows));
    return tokens;
}

Status AccountService::revokeToken(const Actor& actor, qint64 tokenId)
{
    QSqlDatabase db = m_context.database->connection();
    QString object = QString::number(tokenId);
    const Status status = [&]() -> Status {
        Result<QSqlQuery> row = sqlExec(db, kTokenSelect + QStringLiteral("WHERE t.id = ?"), { tokenId });
        if (!row)
            return row.error();
        if (!row->next())
            return Error(ErrorCode::NotFound, QStringLiteral("token %1 not found").arg(tokenId));
        const TokenRecord token = readToken(*row);
        row->finish();
        object = token.userName + u'/' + token.name;
        const bool own = actor.kind == Actor::Kind::User && actor.userId == token.userId;
        const Action action = own ? Action::ManageOwnTokens : Action::ManageAnyTokens;
        if (!Permissions::allows(actor, action))
            return denied(actor, action);
        if (token.revokedAt)
            return {};
        Result<QSqlQuery> q = sqlExec(db, QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ?"), { nowMs(), tokenId });
        return q ? Status() : Status(q.error());
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("token.revoke"), QStringLiteral("token"), object, status);
    return status;
}

Result<Actor> AccountService::authenticateBearer(const QString& secret)
{
    const std::optional<QString> publicId = TokenSecrets::publicIdOf(secret.trimmed());
    if (!publicId)
        return Error(ErrorCode::Unauthenticated, QStringLiteral("invalid token"));
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> row = sqlExec(db,
        QStringLiteral("SELECT t.id, t.secret_hash, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, u.id, u.name, "
                       "u.role, u.active FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.public_id = ?"),
        { *publicId });
    if (!row)
        return row.error();
    if (!row->next())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("invalid token"));
    if (!TokenSecrets::equalConstantTime(row->value(1).toString().toLatin1(), TokenSecrets::hashOf(secret.trimmed()).toLatin1()))
        return Error(ErrorCode::Unauthenticated, QStringLiteral("invalid token"));
    const qint64 tokenId = row->value(0).toLongLong();
    const qint64 now = nowMs();
    if (!row->value(4).isNull())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the token has been revoked"));
    if (!row->value(3).isNull() && row->value(3).toLongLong() <= now)
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the token has expired"));
    if (row->value(9).toInt() == 0)
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the account is disabled"));
    const std::optional<Scopes> scopes = parseScopes(row->value(2).toString());
    const bool stale = row->value(5).isNull() || now - row->value(5).toLongLong() > LastUsedResolutionMs;
    Actor actor = Actor::user(row->value(6).toLongLong(), row->value(7).toString(), row->value(8).toString() == u"admin",
        scopes.value_or(Scope::Read), tokenId);
    row->finish();
    if (stale)
        sqlExecBestEffort(db, QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id = ?"), { now, tokenId });
    return actor;
}

Result<Actor> AccountService::actorForToken(qint64 tokenId)
{
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> row = sqlExec(db,
        QStringLiteral("SELECT t.scopes, t.expires_at, t.revoked_at, u.id, u.name, u.role, u.active FROM tokens t "
                       "JOIN users u ON u.id = t.user_id WHERE t.id = ?"),
        { tokenId });
    if (!row)
        return row.error();
    if (!row->next())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("invalid token"));
    if (!row->value(2).isNull())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the token has been revoked"));
    if (!row->value(1).isNull() && row->value(1).toLongLong() <= nowMs())
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the token has expired"));
    if (row->value(6).toInt() == 0)
        return Error(ErrorCode::Unauthenticated, QStringLiteral("the account is disabled"));
    return Actor::user(row->value(3).toLongLong(), row->value(4).toString(), row->value(5).toString() == u"admin",
        parseScopes(row->value(0).toString()).value_or(Scope::Read), tokenId);
}

Result<Actor> AccountService::authenticateHmac(
    const QString& userName, const QList<QByteArray>& acceptablePayloads, const QByteArray& signatureHex)
{
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db,
        QStringLiteral("SELECT t.id, t.public_id, t.scopes, t.last_used_at, u.id, u.role FROM tokens t "
                       "JOIN users u ON u.id = t.user_id WHERE u.name = ? AND u.active = 1 AND t.revoked_at IS NULL "
                       "AND (t.expires_at IS NULL OR t.expires_at > ?)"),
        { userName, nowMs() });
    if (!rows)
        return rows.error();
    const QByteArray signature = signatureHex.trimmed().toLower();
    while (rows->next()) {
        const QString secret = TokenSecrets::secretFor(m_context.tokenKey, rows->value(1).toString());
        for (const QByteArray& payload : acceptablePayloads) {
            const QByteArray expected = Sha256::hmac(secret.toUtf8(), payload).toHex();
            if (TokenSecrets::equalConstantTime(expected, signature)) {
                const qint64 tokenId = rows->value(0).toLongLong();
                const std::optional<Scopes> scopes = parseScopes(rows->value(2).toString());
                const bool stale = rows->value(3).isNull() || nowMs() - rows->value(3).toLongLong() > LastUsedResolutionMs;
                Actor actor = Actor::user(rows->value(4).toLongLong(), userName, rows->value(5).toString() == u"admin",
                    scopes.value_or(Scope::Read), tokenId);
                rows->finish();
                if (stale)
                    sqlExecBestEffort(db, QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id = ?"), { nowMs(), tokenId });
                return actor;
            }
        }
    }
    return Error(ErrorCode::Unauthenticated, QStringLiteral("invalid signature or unknown user"));
}

} // namespace sreg
