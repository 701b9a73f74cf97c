#include "CollectionService.h"

#include "AuditLog.h"
#include "RecordQueries.h"
#include "RegistryContext.h"
#include "common/Clock.h"
#include "common/Names.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

namespace sreg {

namespace {

Result<std::optional<CollectionRecord>> findCollection(QSqlDatabase& db, const QString& name)
{
    Result<QSqlQuery> query
        = sqlExec(db, RecordQueries::collectionSelect() + QStringLiteral("WHERE c.name = ?"), { name });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<CollectionRecord>();
    return std::optional<CollectionRecord>(RecordQueries::readCollection(*query));
}

// The collection's own row, without the aggregates (container/image counts, bytes): those scan the whole
// collection, and authorize() runs before every push, listing and lookup, where nobody reads them. They stay 0.
Result<std::optional<CollectionRecord>> findCollectionRow(QSqlDatabase& db, const QString& name)
{
    Result<QSqlQuery> query = sqlExec(db,
        QStringLiteral("SELECT c.id, c.name, c.description, c.private, c.contributors_can_push, c.quota_bytes, "
                       "COALESCE(u.name, ''), c.created_at, c.updated_at, 0, 0, 0 "
                       "FROM collections c LEFT JOIN users u ON u.id = c.created_by WHERE c.name = ?"),
        { name });
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<CollectionRecord>();
    return std::optional<CollectionRecord>(RecordQueries::readCollection(*query));
}

Error notFound(const QString& name)
{
    return Error(ErrorCode::NotFound, QStringLiteral("collection '%1' not found").arg(name));
}

Status frozenTagsBlock(QSqlDatabase& db, qint64 collectionId, const QString& containerName, const QString& what)
{
    QString sql = QStringLiteral("SELECT k.name, t.name FROM tags t JOIN containers k ON k.id = t.container_id "
                                 "WHERE k.collection_id = ? AND t.frozen = 1");
    QVariantList binds { collectionId };
    if (!containerName.isEmpty()) {
        sql += QStringLiteral(" AND k.name = ?");
        binds.append(containerName);
    }
    Result<QSqlQuery> query = sqlExec(db, sql + QStringLiteral(" ORDER BY k.name, t.name LIMIT 5"), binds);
    if (!query)
        return query.error();
    QStringList frozen;
    while (query->next())
        frozen.append(query->value(0).toString() + u':' + query->value(1).toString());
    if (frozen.isEmpty())
        return {};
    return Error(ErrorCode::Frozen,
        QStringLiteral("%1 holds frozen tags (%2); unfreeze them first").arg(what, frozen.join(QStringLiteral(", "))));
}

} // namespace

CollectionService::CollectionService(RegistryContext& context)
    : m_context(context)
{
}

Result<CollectionAccess> CollectionService::accessFor(QSqlDatabase& db, const Actor& actor, qint64 collectionId)
{
    Result<QSqlQuery> query
        = sqlExec(db, QStringLiteral("SELECT private, contributors_can_push FROM collections WHERE id = ?"), { collectionId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::NotFound, QStringLiteral("collection %1 not found").arg(collectionId));
    CollectionAccess access;
    access.isPrivate = query->value(0).toInt() != 0;
    access.contributorsCanPush = query->value(1).toInt() != 0;
    if (actor.kind != Actor::Kind::User)
        return access;
    Result<QSqlQuery> roles = sqlExec(db,
        QStringLiteral("SELECT role FROM collection_members WHERE collection_id = ? AND "
                       "(user_id = ? OR team_id IN (SELECT team_id FROM team_members WHERE user_id = ?))"),
        { collectionId, actor.userId, actor.userId });
    if (!roles)
        return roles.error();
    while (roles->next()) {
        if (roles->value(0).toString() == u"owner")
            access.owner = true;
        else
            access.contributor = true;
    }
    return access;
}

Result<CollectionRecord> CollectionService::authorize(
    QSqlDatabase& db, const Actor& actor, const QString& name, Action action)
{
    if (!Names::isValid(name))
        return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("collection")));
    Result<std::optional<CollectionRecord>> found = findCollectionRow(db, name);
    if (!found)
        return found.error();
    if (!*found)
        return notFound(name);
    Result<CollectionAccess> access = accessFor(db, actor, (*found)->id);
    if (!access)
        return access.error();
    CollectionAccess viewAccess = *access;
    Actor viewer = actor;
    viewer.scopes |= Scope::Read;
    if (!Permissions::allows(viewer, Action::ViewCollection, viewAccess))
        return notFound(name);
    if (!Permissions::allows(actor, action, *access)) {
        if (!actor.isAuthenticated())
            return Error(ErrorCode::Unauthenticated,
                QStringLiteral("authentication required to %1 in collection '%2'").arg(actionName(action), name));
        if (!actor.scopes.testFlag(Permissions::requiredScope(action)))
            return Error(ErrorCode::PermissionDenied,
                QStringLiteral("the token's scope does not allow to %1").arg(actionName(action)));
        return Error(ErrorCode::PermissionDenied,
            QStringLiteral("%1 may not %2 in collection '%3'").arg(actor.name, actionName(action), name));
    }
    return **found;
}

Result<QList<CollectionRecord>> CollectionService::list(const Actor& actor, const CollectionQuery& query)
{
    QVariantList binds;
    QString sql = RecordQueries::collectionSelect() + QStringLiteral("WHERE ") + RecordQueries::visibleTo(actor, binds);
    if (!query.after.isEmpty()) {
        sql += QStringLiteral(" AND c.name > ?");
        binds.append(query.after);
    }
    if (!query.filter.isEmpty()) {
        sql += QStringLiteral(" AND LOWER(c.name) LIKE ? ESCAPE '\\'");
        binds.append(RecordQueries::likePattern(query.filter));
    }
    sql += QStringLiteral(" ORDER BY c.name LIMIT ? OFFSET ?");
    binds << qBound(1, query.limit, 100000) << std::max(0, query.offset);
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db, sql, binds);
    if (!rows)
        return rows.error();
    QList<CollectionRecord> collections;
    while (rows->next())
        collections.append(RecordQueries::readCollection(*rows));
    return collections;
}

Result<qint64> CollectionService::count(const Actor& actor, const QString& filter)
{
    QVariantList binds;
    QString sql = QStringLiteral("SELECT COUNT(*) FROM collections c WHERE ") + RecordQueries::visibleTo(actor, binds);
    if (!filter.isEmpty()) {
        sql += QStringLiteral(" AND LOWER(c.name) LIKE ? ESCAPE '\\'");
        binds.append(RecordQueries::likePattern(filter));
    }
    QSqlDatabase db = m_context.database->connection();
    Result<std::optional<QVariant>> count = sqlScalar(db, sql, binds);
    if (!count)
        return count.error();
    return *count ? (*count)->toLongLong() : 0;
}

Result<CollectionRecord> CollectionService::get(const Actor& actor, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> allowed = authorize(db, actor, name, Action::ViewCollection);
    if (!allowed)
        return allowed;
    // With the aggregates, which authorize() leaves out.
    Result<std::optional<CollectionRecord>> found = findCollection(db, name);
    if (!found)
        return found.error();
    if (!*found)
        return notFound(name);
    return **found;
}

Result<CollectionRecord> CollectionService::create(
    const Actor& actor, const QString& name, const QString& description, std::optional<bool> isPrivate)
{
    const bool makePrivate = isPrivate.value_or(m_context.options.defaultPrivate);
    QSqlDatabase db = m_context.database->connection();
    // The transaction lives inside the lambda so that it has ended (committed or rolled back) before the audit
    // event is written: a refusal must still be recorded.
    const Status status = [&]() -> Status {
        if (!Names::isValid(name))
            return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("collection")));
        if (!Permissions::allows(actor, Action::CreateCollection)
            || (!actor.admin && !m_context.options.usersMayCreateCollections)) {
            return actor.isAuthenticated()
                ? Error(ErrorCode::PermissionDenied, QStringLiteral("%1 may not create collections").arg(actor.name))
                : Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required to create collections"));
        }
        if (description.size() > 4000)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the description is longer than 4000 characters"));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        const qint64 now = nowMs();
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO collections (name, description, private, created_by, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
            { name, description, makePrivate ? 1 : 0,
                actor.kind == Actor::Kind::User ? QVariant(actor.userId) : QVariant(QMetaType::fromType<qint64>()),
                now, now });
        if (!inserted) {
            if (inserted.error().code() == ErrorCode::AlreadyExists)
                return Error(ErrorCode::AlreadyExists, QStringLiteral("collection '%1' already exists").arg(name));
            return inserted.error();
        }
        inserted->next();
        const qint64 id = inserted->value(0).toLongLong();
        inserted->finish();
        if (actor.kind == Actor::Kind::User) {
            Result<QSqlQuery> owner = sqlExec(db,
                QStringLiteral("INSERT INTO collection_members (collection_id, user_id, role) VALUES (?, ?, 'owner')"),
                { id, actor.userId });
            if (!owner)
                return owner.error();
        }
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("collection.create"), QStringLiteral("collection"), name,
        status, makePrivate ? QStringLiteral("private") : QStringLiteral("public"));
    if (!status)
        return status.error();
    Result<std::optional<CollectionRecord>> created = findCollection(db, name);
    if (!created)
        return created.error();
    if (!*created)
        return notFound(name);
    return **created;
}

Status CollectionService::remove(const Actor& actor, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = authorize(db, actor, name, Action::DeleteCollection);
        if (!collection)
            return collection.error();
        if (Status frozen = frozenTagsBlock(db, collection->id, {}, QStringLiteral("collection '%1'").arg(name)); !frozen)
            return frozen;
        if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("DELETE FROM collections WHERE id = ?"), { collection->id }); !q)
            return q.error();
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("collection.delete"), QStringLiteral("collection"), name, status);
    return status;
}

Result<CollectionRecord> CollectionService::update(
    const Actor& actor, const QString& name, const CollectionUpdate& update)
{
    QSqlDatabase db = m_context.database->connection();
    QStringList changes;
    const Status status = [&]() -> Status {
        if (update.description && update.description->size() > 4000)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("the description is longer than 4000 characters"));
        if (update.quotaBytes && *update.quotaBytes && **update.quotaBytes < 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a quota cannot be negative"));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = authorize(db, actor, name, Action::EditCollection);
        if (!collection)
            return collection.error();
        QStringList sets;
        QVariantList binds;
        if (update.description) {
            sets.append(QStringLiteral("description = ?"));
            binds.append(*update.description);
            changes.append(QStringLiteral("description"));
        }
        if (update.isPrivate) {
            sets.append(QStringLiteral("private = ?"));
            binds.append(*update.isPrivate ? 1 : 0);
            changes.append(*update.isPrivate ? QStringLiteral("private") : QStringLiteral("public"));
        }
        if (update.contributorsCanPush) {
            sets.append(QStringLiteral("contributors_can_push = ?"));
            binds.append(*update.contributorsCanPush ? 1 : 0);
            changes.append(*update.contributorsCanPush ? QStringLiteral("contributors may push")
                                                       : QStringLiteral("contributors may not push"));
        }
        if (update.quotaBytes) {
            sets.append(QStringLiteral("quota_bytes = ?"));
            binds.append(RecordQueries::fromOptional(*update.quotaBytes));
            changes.append(*update.quotaBytes ? QStringLiteral("quota %1 bytes").arg(**update.quotaBytes)
                                              : QStringLiteral("no quota"));
        }
        sets.append(QStringLiteral("updated_at = ?"));
        binds << nowMs() << collection->id;
        if (Result<QSqlQuery> q = sqlExec(
                db, QStringLiteral("UPDATE collections SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))), binds);
            !q)
            return q.error();
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("collection.update"), QStringLiteral("collection"), name,
        status, changes.join(QStringLiteral(", ")));
    if (!status)
        return status.error();
    Result<std::optional<CollectionRecord>> updated = findCollection(db, name);
    if (!updated)
        return updated.error();
    if (!*updated)
        return notFound(name);
    return **updated;
}

Result<QList<CollectionMemberRecord>> CollectionService::members(const Actor& actor, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = authorize(db, actor, name, Action::ViewCollection);
    if (!collection)
        return collection.error();
    Result<QSqlQuery> rows = sqlExec(db,
        QStringLiteral("SELECT COALESCE(u.name, t.name), m.team_id IS NOT NULL, m.role FROM collection_members m "
                       "LEFT JOIN users u ON u.id = m.user_id LEFT JOIN teams t ON t.id = m.team_id "
                       "WHERE m.collection_id = ? ORDER BY m.role DESC, 1"),
        { collection->id });
    if (!rows)
        return rows.error();
    QList<CollectionMemberRecord> members;
    while (rows->next()) {
        CollectionMemberRecord member;
        member.name = rows->value(0).toString();
        member.isTeam = rows->value(1).toBool();
        member.owner = rows->value(2).toString() == u"owner";
        members.append(member);
    }
    return members;
}

Status CollectionService::setMember(
    const Actor& actor, const QString& collectionName, const QString& principal, bool isTeam, const QString& role)
{
    QSqlDatabase db = m_context.database->connection();
    const QString kind = isTeam ? QStringLiteral("team") : QStringLiteral("user");
    const Status status = [&]() -> Status {
        if (!role.isEmpty() && role != u"owner" && role != u"contributor")
            return Error(ErrorCode::InvalidArgument, QStringLiteral("a member's role is 'owner' or 'contributor'"));
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = authorize(db, actor, collectionName, Action::EditMembers);
        if (!collection)
            return collection.error();
        Result<std::optional<QVariant>> principalId = sqlScalar(db,
            isTeam ? QStringLiteral("SELECT id FROM teams WHERE name = ?")
                   : QStringLiteral("SELECT id FROM users WHERE name = ?"),
            { principal });
        if (!principalId)
            return principalId.error();
        if (!*principalId)
            return Error(ErrorCode::NotFound, QStringLiteral("%1 '%2' not found").arg(kind, principal));
        const QString column = isTeam ? QStringLiteral("team_id") : QStringLiteral("user_id");
        const qint64 id = (*principalId)->toLongLong();

        Result<std::optional<QVariant>> currentRole = sqlScalar(db,
            QStringLiteral("SELECT role FROM collection_members WHERE collection_id = ? AND %1 = ?").arg(column),
            { collection->id, id });
        if (!currentRole)
            return currentRole.error();
        const bool wasOwner = *currentRole && (*currentRole)->toString() == u"owner";
        if (wasOwner && role != u"owner") {
            Result<std::optional<QVariant>> owners = sqlScalar(db,
                QStringLiteral("SELECT COUNT(*) FROM collection_members WHERE collection_id = ? AND role = 'owner'"),
                { collection->id });
            if (!owners)
                return owners.error();
            if (*owners && (*owners)->toLongLong() <= 1)
                return Error(ErrorCode::InvalidArgument,
                    QStringLiteral("%1 is the last owner of '%2'; add another owner first").arg(principal, collectionName));
        }
        Result<QSqlQuery> changed = sqlExec(db,
            QStringLiteral("DELETE FROM collection_members WHERE collection_id = ? AND %1 = ?").arg(column),
            { collection->id, id });
        if (!changed)
            return changed.error();
        if (!role.isEmpty()) {
            changed = sqlExec(db,
                QStringLiteral("INSERT INTO collection_members (collection_id, %1, role) VALUES (?, ?, ?)").arg(column),
                { collection->id, id, role });
            if (!changed)
                return changed.error();
        }
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("collection.members"), QStringLiteral("collection"),
        collectionName, status,
        QStringLiteral("%1 %2 -> %3").arg(kind, principal, role.isEmpty() ? QStringLiteral("removed") : role));
    return status;
}

Result<QList<ContainerRecord>> CollectionService::containers(const Actor& actor, const QString& collectionName)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = authorize(db, actor, collectionName, Action::ViewCollection);
    if (!collection)
        return collection.error();
    Result<QSqlQuery> rows = sqlExec(
        db, RecordQueries::containerSelect() + QStringLiteral("WHERE k.collection_id = ? ORDER BY k.name"), { collection->id });
    if (!rows)
        return rows.error();
    QList<ContainerRecord> containers;
    while (rows->next())
        containers.append(RecordQueries::readContainer(*rows));
    return containers;
}

Result<ContainerRecord> CollectionService::container(const Actor& actor, const QString& collectionName, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    Result<CollectionRecord> collection = authorize(db, actor, collectionName, Action::ViewCollection);
    if (!collection)
        return collection.error();
    Result<QSqlQuery> rows = sqlExec(db,
        RecordQueries::containerSelect() + QStringLiteral("WHERE k.collection_id = ? AND k.name = ?"),
        { collection->id, name });
    if (!rows)
        return rows.error();
    if (!rows->next())
        return Error(ErrorCode::NotFound, QStringLiteral("container '%1/%2' not found").arg(collectionName, name));
    return RecordQueries::readContainer(*rows);
}

Result<ContainerRecord> CollectionService::ensureContainer(
    const Actor& actor, const QString& collectionName, const QString& name)
{
    if (!Names::isValid(name))
        return Error(ErrorCode::InvalidName, Names::whyInvalid(name, QStringLiteral("container")));
    QSqlDatabase db = m_context.database->connection();
    {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun.error();
        Result<CollectionRecord> collection = authorize(db, actor, collectionName, Action::PushImage);
        if (!collection)
            return collection.error();
        const qint64 now = nowMs();
        Result<QSqlQuery> inserted = sqlExec(db,
            QStringLiteral("INSERT INTO containers (collection_id, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (collection_id, name) DO NOTHING"),
            { collection->id, name, now, now });
        if (!inserted)
            return inserted.error();
        const bool created = inserted->numRowsAffected() > 0;
        if (Status committed = transaction.commit(); !committed)
            return committed.error();
        if (created)
            m_context.audit->record(actor, QStringLiteral("container.create"), QStringLiteral("container"),
                collectionName + u'/' + name, QStringLiteral("ok"));
    }
    return container(actor, collectionName, name);
}

Status CollectionService::removeContainer(const Actor& actor, const QString& collectionName, const QString& name)
{
    QSqlDatabase db = m_context.database->connection();
    const QString object = collectionName + u'/' + name;
    const Status status = [&]() -> Status {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun;
        Result<CollectionRecord> collection = authorize(db, actor, collectionName, Action::DeleteImage);
        if (!collection)
            return collection.error();
        if (Status frozen = frozenTagsBlock(db, collection->id, name, QStringLiteral("container '%1'").arg(object));
            !frozen)
            return frozen;
        Result<QSqlQuery> deleted = sqlExec(
            db, QStringLiteral("DELETE FROM containers WHERE collection_id = ? AND name = ?"), { collection->id, name });
        if (!deleted)
            return deleted.error();
        if (deleted->numRowsAffected() == 0)
            return Error(ErrorCode::NotFound, QStringLiteral("container '%1' not found").arg(object));
        return transaction.commit();
    }();
    m_context.audit->recordOutcome(actor, QStringLiteral("container.delete"), QStringLiteral("container"), object, status);
    return status;
}

} // namespace sreg
