#include "RecordQueries.h"

#include "metadata/Sql.h"

#include <QHash>
#include <QVariant>

namespace sreg::RecordQueries {

std::optional<qint64> optionalInt(const QVariant& value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QVariant fromOptional(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QString imageSelect()
{
    return QStringLiteral(
        "SELECT i.id, i.container_id, k.collection_id, c.name, k.name, i.digest, i.size, i.arch, i.description, "
        "i.uploaded, COALESCE(b.signed, 0), c.private, COALESCE(u.name, ''), i.created_at, i.downloads, "
        "i.last_pulled_at "
        "FROM images i JOIN containers k ON k.id = i.container_id JOIN collections c ON c.id = k.collection_id "
        "LEFT JOIN blobs b ON b.digest = i.digest LEFT JOIN users u ON u.id = i.uploaded_by ");
}

ImageRecord readImage(const QSqlQuery& query, int first)
{
    ImageRecord image;
    image.id = query.value(first + 0).toLongLong();
    image.containerId = query.value(first + 1).toLongLong();
    image.collectionId = query.value(first + 2).toLongLong();
    image.collection = query.value(first + 3).toString();
    image.container = query.value(first + 4).toString();
    image.digest = query.value(first + 5).toString();
    image.size = query.value(first + 6).toLongLong();
    image.arch = query.value(first + 7).toString();
    image.description = query.value(first + 8).toString();
    image.uploaded = query.value(first + 9).toInt() != 0;
    image.isSigned = query.value(first + 10).toInt() != 0;
    image.collectionPrivate = query.value(first + 11).toInt() != 0;
    image.uploadedBy = query.value(first + 12).toString();
    image.createdAt = query.value(first + 13).toLongLong();
    image.downloads = query.value(first + 14).toLongLong();
    image.lastPulledAt = optionalInt(query.value(first + 15));
    return image;
}

QString tagSelect()
{
    return QStringLiteral(
        "SELECT t.id, t.container_id, t.name, t.arch, t.frozen, t.created_at, t.updated_at, "
        "i.id, i.container_id, k.collection_id, c.name, k.name, i.digest, i.size, i.arch, i.description, "
        "i.uploaded, COALESCE(b.signed, 0), c.private, COALESCE(u.name, ''), i.created_at, i.downloads, "
        "i.last_pulled_at "
        "FROM tags t JOIN images i ON i.id = t.image_id JOIN containers k ON k.id = t.container_id "
        "JOIN collections c ON c.id = k.collection_id LEFT JOIN blobs b ON b.digest = i.digest "
        "LEFT JOIN users u ON u.id = i.uploaded_by ");
}

TagRecord readTag(const QSqlQuery& query)
{
    TagRecord tag;
    tag.id = query.value(0).toLongLong();
    tag.containerId = query.value(1).toLongLong();
    tag.name = query.value(2).toString();
    tag.arch = query.value(3).toString();
    tag.frozen = query.value(4).toInt() != 0;
    tag.createdAt = query.value(5).toLongLong();
    tag.updatedAt = query.value(6).toLongLong();
    tag.image = readImage(query, 7);
    tag.collectionId = tag.image.collectionId;
    tag.collection = tag.image.collection;
    tag.container = tag.image.container;
    return tag;
}

QString collectionSelect()
{
    return QStringLiteral(
        "SELECT c.id, c.name, c.description, c.private, c.contributors_can_push, c.quota_bytes, "
        "COALESCE(u.name, ''), c.created_at, c.updated_at, "
        "(SELECT COUNT(*) FROM containers k WHERE k.collection_id = c.id), "
        "(SELECT COUNT(*) FROM images i JOIN containers k ON k.id = i.container_id "
        "  WHERE k.collection_id = c.id AND i.uploaded = 1), "
        "(SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN "
        "  (SELECT i.digest FROM images i JOIN containers k ON k.id = i.container_id "
        "   WHERE k.collection_id = c.id AND i.uploaded = 1)) "
        "FROM collections c LEFT JOIN users u ON u.id = c.created_by ");
}

CollectionRecord readCollection(const QSqlQuery& query)
{
    CollectionRecord collection;
    collection.id = query.value(0).toLongLong();
    collection.name = query.value(1).toString();
    collection.description = query.value(2).toString();
    collection.isPrivate = query.value(3).toInt() != 0;
    collection.contributorsCanPush = query.value(4).toInt() != 0;
    collection.quotaBytes = optionalInt(query.value(5));
    collection.createdBy = query.value(6).toString();
    collection.createdAt = query.value(7).toLongLong();
    collection.updatedAt = query.value(8).toLongLong();
    collection.containerCount = query.value(9).toLongLong();
    collection.imageCount = query.value(10).toLongLong();
    collection.totalBytes = query.value(11).toLongLong();
    return collection;
}

QString containerSelect()
{
    return QStringLiteral(
        "SELECT k.id, k.collection_id, c.name, k.name, k.description, k.created_at, k.updated_at, "
        "(SELECT COUNT(*) FROM images i WHERE i.container_id = k.id AND i.uploaded = 1), "
        "(SELECT COALESCE(SUM(i.downloads), 0) FROM images i WHERE i.container_id = k.id) "
        "FROM containers k JOIN collections c ON c.id = k.collection_id ");
}

ContainerRecord readContainer(const QSqlQuery& query)
{
    ContainerRecord container;
    container.id = query.value(0).toLongLong();
    container.collectionId = query.value(1).toLongLong();
    container.collection = query.value(2).toString();
    container.name = query.value(3).toString();
    container.description = query.value(4).toString();
    container.createdAt = query.value(5).toLongLong();
    container.updatedAt = query.value(6).toLongLong();
    container.imageCount = query.value(7).toLongLong();
    container.downloads = query.value(8).toLongLong();
    return container;
}

QString userColumns()
{
    return QStringLiteral("id, name, full_name, email, role, active, quota_bytes, created_at");
}

UserRecord readUser(const QSqlQuery& query)
{
    UserRecord user;
    user.id = query.value(0).toLongLong();
    user.name = query.value(1).toString();
    user.fullName = query.value(2).toString();
    user.email = query.value(3).toString();
    user.admin = query.value(4).toString() == u"admin";
    user.active = query.value(5).toInt() != 0;
    user.quotaBytes = optionalInt(query.value(6));
    user.createdAt = query.value(7).toLongLong();
    return user;
}

Status attachTags(QSqlDatabase& db, QList<ImageRecord>& images)
{
    if (images.isEmpty())
        return {};
    QHash<qint64, int> indexById;
    QStringList placeholders;
    QVariantList ids;
    for (int i = 0; i < images.size(); ++i) {
        indexById.insert(images[i].id, i);
        placeholders.append(QStringLiteral("?"));
        ids.append(images[i].id);
    }
    // Chunks keep the statement under SQLite's bound-parameter limit.
    constexpr int chunk = 500;
    for (int start = 0; start < ids.size(); start += chunk) {
        const QVariantList part = ids.mid(start, chunk);
        Result<QSqlQuery> query = sqlExec(db,
            QStringLiteral("SELECT image_id, name FROM tags WHERE image_id IN (%1) ORDER BY name")
                .arg(placeholders.mid(start, chunk).join(u',')),
            part);
        if (!query)
            return query.error();
        while (query->next()) {
            const int index = indexById.value(query->value(0).toLongLong(), -1);
            const QString name = query->value(1).toString();
            if (index >= 0 && !images[index].tags.contains(name))
                images[index].tags.append(name);
        }
    }
    return {};
}

Result<QList<ImageRecord>> images(QSqlDatabase& db, const QString& where, const QVariantList& binds)
{
    Result<QSqlQuery> rows = sqlExec(db, imageSelect() + QStringLiteral("WHERE ") + where, binds);
    if (!rows)
        return rows.error();
    QList<ImageRecord> found;
    while (rows->next())
        found.append(readImage(*rows));
    rows->finish();
    if (Status tagged = attachTags(db, found); !tagged)
        return tagged.error();
    return found;
}

QString visibleTo(const Actor& actor, QVariantList& binds)
{
    if (actor.admin)
        return QStringLiteral("1 = 1");
    if (!actor.isAuthenticated())
        return QStringLiteral("c.private = 0");
    binds << actor.userId << actor.userId;
    return QStringLiteral(
        "(c.private = 0 OR EXISTS (SELECT 1 FROM collection_members m WHERE m.collection_id = c.id AND "
        "(m.user_id = ? OR m.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?))))");
}

QString likePattern(const QString& text)
{
    QString escaped;
    for (QChar c : text.toLower()) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped.append(u'\\');
        escaped.append(c);
    }
    return u'%' + escaped + u'%';
}

} // namespace sreg::RecordQueries
