#pragma once

#include "Actor.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace sreg {

// The SELECT shapes the services share, and the readers that turn their rows into records, so that every
// listing of images, tags and collections reads the same columns the same way.
namespace RecordQueries {

// "SELECT <image columns> FROM images i JOIN containers k … LEFT JOIN users u …": append WHERE/ORDER.
QString imageSelect();
ImageRecord readImage(const QSqlQuery& query, int firstColumn = 0);
constexpr int ImageColumnCount = 16;

// Tag columns followed by the image columns; joins tags t to images i.
QString tagSelect();
TagRecord readTag(const QSqlQuery& query);

// Collection columns with aggregates (containers, uploaded images, distinct bytes).
QString collectionSelect();
CollectionRecord readCollection(const QSqlQuery& query);

QString containerSelect();
ContainerRecord readContainer(const QSqlQuery& query);

UserRecord readUser(const QSqlQuery& query); // id, name, full_name, email, role, active, quota_bytes, created_at
QString userColumns();

std::optional<qint64> optionalInt(const QVariant& value);
QVariant fromOptional(const std::optional<qint64>& value);

// Fills image.tags for each image (one query for the lot).
Status attachTags(QSqlDatabase& db, QList<ImageRecord>& images);
// imageSelect() WHERE where (which may end in ORDER BY / LIMIT), read and with their tags attached.
Result<QList<ImageRecord>> images(QSqlDatabase& db, const QString& where, const QVariantList& binds);

// Which collections (alias c) actor may see, as SQL, so that listings never load what it may not; the clause's
// binds are appended to binds.
QString visibleTo(const Actor& actor, QVariantList& binds);

// Escapes a user's search text for LIKE ... ESCAPE '\' and wraps it in %...%, lower-cased.
QString likePattern(const QString& text);

} // namespace RecordQueries
} // namespace sreg
