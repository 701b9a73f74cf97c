#include "Quotas.h"

#include "metadata/Sql.h"

namespace sreg::Quotas {

Result<qint64> collectionUsage(QSqlDatabase& db, qint64 collectionId)
{
    Result<std::optional<QVariant>> bytes = sqlScalar(db,
        QStringLiteral("SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN (SELECT i.digest FROM images i "
                       "JOIN containers k ON k.id = i.container_id WHERE k.collection_id = ? AND i.uploaded = 1)"),
        { collectionId });
    if (!bytes)
        return bytes.error();
    return *bytes ? (*bytes)->toLongLong() : 0;
}

Result<qint64> userUsage(QSqlDatabase& db, qint64 userId)
{
    Result<std::optional<QVariant>> bytes = sqlScalar(db,
        QStringLiteral("SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN "
                       "(SELECT i.digest FROM images i WHERE i.uploaded_by = ? AND i.uploaded = 1)"),
        { userId });
    if (!bytes)
        return bytes.error();
    return *bytes ? (*bytes)->toLongLong() : 0;
}

Result<qint64> remaining(QSqlDatabase& db, const Actor& actor, qint64 collectionId)
{
    qint64 left = -1;
    if (collectionId > 0) {
        Result<std::optional<QVariant>> quota
            = sqlScalar(db, QStringLiteral("SELECT quota_bytes FROM collections WHERE id = ?"), { collectionId });
        if (!quota)
            return quota.error();
        if (*quota && !(*quota)->isNull()) {
            Result<qint64> used = collectionUsage(db, collectionId);
            if (!used)
                return used.error();
            left = std::max<qint64>(0, (*quota)->toLongLong() - *used);
        }
    }
    if (actor.kind == Actor::Kind::User) {
        Result<std::optional<QVariant>> quota
            = sqlScalar(db, QStringLiteral("SELECT quota_bytes FROM users WHERE id = ?"), { actor.userId });
        if (!quota)
            return quota.error();
        if (*quota && !(*quota)->isNull()) {
            Result<qint64> used = userUsage(db, actor.userId);
            if (!used)
                return used.error();
            const qint64 userLeft = std::max<qint64>(0, (*quota)->toLongLong() - *used);
            left = left < 0 ? userLeft : std::min(left, userLeft);
        }
    }
    return left;
}

Result<bool> alreadyCounted(QSqlDatabase& db, const Actor& actor, qint64 collectionId, const QString& digest)
{
    Result<std::optional<QVariant>> inCollection = sqlScalar(db,
        QStringLiteral("SELECT 1 FROM images i JOIN containers k ON k.id = i.container_id "
                       "WHERE k.collection_id = ? AND i.digest = ? AND i.uploaded = 1 LIMIT 1"),
        { collectionId, digest });
    if (!inCollection)
        return inCollection.error();
    if (!*inCollection)
        return false;
    if (actor.kind != Actor::Kind::User)
        return true;
    Result<std::optional<QVariant>> byUser = sqlScalar(db,
        QStringLiteral("SELECT 1 FROM images WHERE uploaded_by = ? AND digest = ? AND uploaded = 1 LIMIT 1"),
        { actor.userId, digest });
    if (!byUser)
        return byUser.error();
    return byUser->has_value();
}

Status checkWithin(QSqlDatabase& db, const Actor& actor, qint64 collectionId, const QString& collectionName)
{
    Result<std::optional<QVariant>> collectionQuota
        = sqlScalar(db, QStringLiteral("SELECT quota_bytes FROM collections WHERE id = ?"), { collectionId });
    if (!collectionQuota)
        return collectionQuota.error();
    if (*collectionQuota && !(*collectionQuota)->isNull()) {
        Result<qint64> used = collectionUsage(db, collectionId);
        if (!used)
            return used.error();
        if (*used > (*collectionQuota)->toLongLong())
            return Error(ErrorCode::QuotaExceeded,
                QStringLiteral("collection '%1' would hold %2 bytes, over its quota of %3 bytes")
                    .arg(collectionName)
                    .arg(*used)
                    .arg((*collectionQuota)->toLongLong()));
    }
    if (actor.kind != Actor::Kind::User)
        return {};
    Result<std::optional<QVariant>> userQuota
        = sqlScalar(db, QStringLiteral("SELECT quota_bytes FROM users WHERE id = ?"), { actor.userId });
    if (!userQuota)
        return userQuota.error();
    if (*userQuota && !(*userQuota)->isNull()) {
        Result<qint64> used = userUsage(db, actor.userId);
        if (!used)
            return used.error();
        if (*used > (*userQuota)->toLongLong())
            return Error(ErrorCode::QuotaExceeded,
                QStringLiteral("%1 would store %2 bytes, over the user quota of %3 bytes")
                    .arg(actor.name)
                    .arg(*used)
                    .arg((*userQuota)->toLongLong()));
    }
    return {};
}

} // namespace sreg::Quotas
