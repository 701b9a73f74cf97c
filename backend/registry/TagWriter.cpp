#include "TagWriter.h"

#include "common/Clock.h"
#include "metadata/Sql.h"

namespace sreg::TagWriter {

namespace {

Status writeHistory(QSqlDatabase& db, qint64 containerId, const QString& tag, const QString& arch,
    const QString& digest, const QString& action, const QString& actor)
{
    Result<QSqlQuery> q = sqlExec(db,
        QStringLiteral("INSERT INTO tag_history (container_id, tag, arch, digest, action, actor, at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { containerId, tag, arch, digest, action, actor, nowMs() });
    return q ? Status() : Status(q.error());
}

struct TagRow
{
    qint64 id = 0;
    qint64 containerId = 0;
    QString name;
    QString arch;
    qint64 imageId = 0;
    QString digest;
    bool frozen = false;
};

Result<std::optional<TagRow>> loadTag(QSqlDatabase& db, const QString& where, const QVariantList& binds)
{
    Result<QSqlQuery> q = sqlExec(db,
        QStringLiteral("SELECT t.id, t.container_id, t.name, t.arch, t.image_id, i.digest, t.frozen FROM tags t "
                       "JOIN images i ON i.id = t.image_id WHERE ")
            + where,
        binds);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<TagRow>();
    TagRow row { q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), q->value(3).toString(),
        q->value(4).toLongLong(), q->value(5).toString(), q->value(6).toInt() != 0 };
    return std::optional<TagRow>(row);
}

} // namespace

Result<bool> set(QSqlDatabase& db, qint64 containerId, const QString& tag, const QString& arch, qint64 imageId,
    const QString& digest, const QString& actor)
{
    Result<std::optional<TagRow>> existing = loadTag(
        db, QStringLiteral("t.container_id = ? AND t.name = ? AND t.arch = ?"), { containerId, tag, arch });
    if (!existing)
        return existing.error();
    const qint64 now = nowMs();
    if (*existing) {
        const TagRow& row = **existing;
        if (row.imageId == imageId)
            return false;
        if (row.frozen)
            return Error(ErrorCode::Frozen,
                QStringLiteral("tag '%1' (%2) is frozen and keeps pointing at %3").arg(tag, arch, row.digest));
        Result<QSqlQuery> q = sqlExec(
            db, QStringLiteral("UPDATE tags SET image_id = ?, updated_at = ? WHERE id = ?"), { imageId, now, row.id });
        if (!q)
            return q.error();
        if (Status history = writeHistory(db, containerId, tag, arch, digest, QStringLiteral("moved"), actor); !history)
            return history.error();
        return true;
    }
    Result<QSqlQuery> q = sqlExec(db,
        QStringLiteral("INSERT INTO tags (container_id, name, arch, image_id, frozen, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, 0, ?, ?)"),
        { containerId, tag, arch, imageId, now, now });
    if (!q)
        return q.error();
    if (Status history = writeHistory(db, containerId, tag, arch, digest, QStringLiteral("set"), actor); !history)
        return history.error();
    return true;
}

Status setFrozen(QSqlDatabase& db, qint64 tagId, bool frozen, const QString& actor)
{
    Result<std::optional<TagRow>> row = loadTag(db, QStringLiteral("t.id = ?"), { tagId });
    if (!row)
        return row.error();
    if (!*row)
        return Error(ErrorCode::NotFound, QStringLiteral("tag %1 not found").arg(tagId));
    if ((*row)->frozen == frozen)
        return {};
    Result<QSqlQuery> q = sqlExec(db, QStringLiteral("UPDATE tags SET frozen = ?, updated_at = ? WHERE id = ?"),
        { frozen ? 1 : 0, nowMs(), tagId });
    if (!q)
        return q.error();
    return writeHistory(db, (*row)->containerId, (*row)->name, (*row)->arch, (*row)->digest,
        frozen ? QStringLiteral("frozen") : QStringLiteral("unfrozen"), actor);
}

Status remove(QSqlDatabase& db, qint64 tagId, const QString& actor)
{
    Result<std::optional<TagRow>> row = loadTag(db, QStringLiteral("t.id = ?"), { tagId });
    if (!row)
        return row.error();
    if (!*row)
        return Error(ErrorCode::NotFound, QStringLiteral("tag %1 not found").arg(tagId));
    if ((*row)->frozen)
        return Error(ErrorCode::Frozen, QStringLiteral("tag '%1' (%2) is frozen; unfreeze it first").arg((*row)->name, (*row)->arch));
    Result<QSqlQuery> q = sqlExec(db, QStringLiteral("DELETE FROM tags WHERE id = ?"), { tagId });
    if (!q)
        return q.error();
    return writeHistory(db, (*row)->containerId, (*row)->name, (*row)->arch, (*row)->digest, QStringLiteral("deleted"), actor);
}

} // namespace sreg::TagWriter
