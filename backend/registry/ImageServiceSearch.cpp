// ImageService, continued: search across collections, containers, tags and labels, and the label lookups of the
// native API (split from ImageService.cpp to keep each file short; one class).
#include "ImageService.h"

#include "RecordQueries.h"
#include "RegistryContext.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

#include <QHash>

namespace sreg {

namespace {

// The images of a search: where (with its binds) picks them; the query's arch and signed filters and the order
// and limit are added here.
Result<SearchResults> searchImages(QSqlDatabase& db, QString where, QVariantList binds, const SearchQuery& query,
                                   int limit, SearchResults results)
{
    if (!query.arch.isEmpty()) {
        where += QStringLiteral(" AND i.arch = ?");
        binds.append(query.arch);
    }
    if (query.signedOnly)
        where += QStringLiteral(" AND b.signed = 1");
    where += QStringLiteral(" ORDER BY c.name, k.name, i.created_at DESC LIMIT ?");
    binds.append(limit);
    Result<QList<ImageRecord>> images = RecordQueries::images(db, where, binds);
    if (!images)
        return images.error();
    results.images = *images;
    return results;
}

} // namespace

Result<SearchResults> ImageService::search(const Actor& actor, const SearchQuery& query)
{
    const QString text = query.text.trimmed();
    if (text.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("search for what? the query is empty"));
    if (text.size() > 200)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the search text is longer than 200 characters"));
    const QString pattern = RecordQueries::likePattern(text);
    const int limit = qBound(1, query.limit, 10000);
    QSqlDatabase db = m_context.database->connection();
    SearchResults results;

    QVariantList visibilityBinds;
    const QString visibility = RecordQueries::visibleTo(actor, visibilityBinds);

    // On SQLite the trigram indexes of schema version 3 find the matching names and labels (LIKE without ESCAPE
    // is what they answer from the index, so text without wildcard characters goes as it is); elsewhere, or
    // for text holding %, _ or \, the rows are scanned.
    const bool indexed = m_context.database->isSqlite() && !text.contains(u'%') && !text.contains(u'_')
        && !text.contains(u'\\');
    const QString contains = indexed ? u'%' + text + u'%' : pattern;
    const auto matching = [indexed](const char* index, const char* column) {
        return indexed ? QStringLiteral("(SELECT rowid FROM %1 WHERE %2 LIKE ?)")
                             .arg(QLatin1String(index), QLatin1String(column))
                       : QString();
    };

    const bool imagesOnly = !query.arch.isEmpty() || query.signedOnly;
    if (!imagesOnly) {
        Result<QSqlQuery> rows = sqlExec(db,
            RecordQueries::collectionSelect()
                + (indexed ? QStringLiteral("WHERE c.id IN ") + matching("collections_search", "name")
                           : QStringLiteral("WHERE LOWER(c.name) LIKE ? ESCAPE '\\'"))
                + QStringLiteral(" AND ") + visibility + QStringLiteral(" ORDER BY c.name LIMIT ?"),
            QVariantList { contains } + visibilityBinds + QVariantList { limit });
        if (!rows)
            return rows.error();
        while (rows->next())
            results.collections.append(RecordQueries::readCollection(*rows));
        rows = sqlExec(db,
            RecordQueries::containerSelect()
                + (indexed ? QStringLiteral("WHERE k.id IN ") + matching("containers_search", "name")
                           : QStringLiteral("WHERE LOWER(k.name) LIKE ? ESCAPE '\\'"))
                + QStringLiteral(" AND ") + visibility + QStringLiteral(" ORDER BY c.name, k.name LIMIT ?"),
            QVariantList { contains } + visibilityBinds + QVariantList { limit });
        if (!rows)
            return rows.error();
        while (rows->next())
            results.containers.append(RecordQueries::readContainer(*rows));
    }

    if (indexed) {
        // The images of matching collections and containers, those a matching tag points at, and those whose
        // blob carries a matching label key or value: each found through its index, then joined.
        const QString where = QStringLiteral(
            "i.uploaded = 1 AND i.id IN ("
            "SELECT i2.id FROM images i2 JOIN containers k2 ON k2.id = i2.container_id WHERE k2.collection_id IN %1 "
            "UNION SELECT i2.id FROM images i2 WHERE i2.container_id IN %2 "
            "UNION SELECT t.image_id FROM tags t WHERE t.id IN %3 "
            "UNION SELECT i2.id FROM images i2 WHERE i2.digest IN (SELECT s.digest FROM label_search_ids s WHERE s.id IN "
            "(SELECT rowid FROM labels_search WHERE key LIKE ? UNION SELECT rowid FROM labels_search WHERE value LIKE ?))"
            ") AND ")
                                  .arg(matching("collections_search", "name"), matching("containers_search", "name"),
                                       matching("tags_search", "name"))
            + visibility;
        QVariantList binds { contains, contains, contains, contains, contains };
        binds += visibilityBinds;
        return searchImages(db, where, binds, query, limit, std::move(results));
    }
    QString where = QStringLiteral(
        "i.uploaded = 1 AND (LOWER(c.name) LIKE ? ESCAPE '\\' OR LOWER(k.name) LIKE ? ESCAPE '\\' "
        "OR EXISTS (SELECT 1 FROM tags t WHERE t.image_id = i.id AND LOWER(t.name) LIKE ? ESCAPE '\\') "
        "OR EXISTS (SELECT 1 FROM blob_labels l WHERE l.digest = i.digest AND "
        "(LOWER(l.key) LIKE ? ESCAPE '\\' OR LOWER(l.value) LIKE ? ESCAPE '\\'))) AND ")
        + visibility;
    QVariantList binds { pattern, pattern, pattern, pattern, pattern };
    binds += visibilityBinds;
    return searchImages(db, where, binds, query, limit, std::move(results));
}

Result<QList<LabelMatch>> ImageService::labels(
    const Actor& actor, const QString& key, const QString& value, int limit)
{
    QSqlDatabase db = m_context.database->connection();
    QVariantList binds;
    const QString where = QStringLiteral("i.uploaded = 1 AND ") + RecordQueries::visibleTo(actor, binds);
    QString labelWhere = QStringLiteral("1 = 1");
    QVariantList labelBinds;
    if (!key.isEmpty()) {
        labelWhere += QStringLiteral(" AND LOWER(l.key) = ?");
        labelBinds.append(key.toLower());
    }
    if (!value.isEmpty()) {
        labelWhere += QStringLiteral(" AND LOWER(l.value) = ?");
        labelBinds.append(value.toLower());
    }
    Result<QSqlQuery> rows = sqlExec(db,
        QStringLiteral("SELECT l.key, l.value, i.id FROM blob_labels l JOIN images i ON i.digest = l.digest "
                       "JOIN containers k ON k.id = i.container_id JOIN collections c ON c.id = k.collection_id "
                       "WHERE %1 AND %2 ORDER BY l.key, l.value, c.name, k.name LIMIT ?")
            .arg(labelWhere, where),
        labelBinds + binds + QVariantList { qBound(1, limit, 100000) });
    if (!rows)
        return rows.error();
    QList<LabelMatch> matches;
    QList<qint64> imageIds;
    QList<int> matchOfImage;
    while (rows->next()) {
        const QString rowKey = rows->value(0).toString();
        const QString rowValue = rows->value(1).toString();
        if (matches.isEmpty() || matches.back().key != rowKey || matches.back().value != rowValue)
            matches.append({ rowKey, rowValue, {} });
        imageIds.append(rows->value(2).toLongLong());
        matchOfImage.append(int(matches.size()) - 1);
    }
    rows->finish();
    // One query for every image involved, then distribute.
    QHash<qint64, ImageRecord> images;
    for (qsizetype start = 0; start < imageIds.size(); start += 500) {
        QStringList marks;
        QVariantList ids;
        for (qint64 id : imageIds.mid(start, 500)) {
            marks.append(QStringLiteral("?"));
            ids.append(id);
        }
        Result<QList<ImageRecord>> chunk = RecordQueries::images(db, QStringLiteral("i.id IN (%1)").arg(marks.join(u',')), ids);
        if (!chunk)
            return chunk.error();
        for (const ImageRecord& image : std::as_const(*chunk))
            images.insert(image.id, image);
    }
    for (qsizetype i = 0; i < imageIds.size(); ++i)
        matches[matchOfImage[i]].images.append(images.value(imageIds[i]));
    return matches;
}

} // namespace sreg
