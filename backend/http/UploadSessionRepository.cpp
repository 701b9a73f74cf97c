#include "UploadSessionRepository.h"

#include "metadata/Database.h"
#include "metadata/Sql.h"

#include <QSqlQuery>
#include <QVariant>

namespace sreg::http {

namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, image_id, store_upload_id, part_size, total_parts, file_size, created_by, created_at FROM uploads ");

UploadSession readSession(const QSqlQuery& query)
{
    UploadSession session;
    session.id = query.value(0).toString();
    session.imageId = query.value(1).toLongLong();
    session.storeUploadId = query.value(2).toString();
    session.partSize = query.value(3).toLongLong();
    session.totalParts = query.value(4).toInt();
    session.fileSize = query.value(5).toLongLong();
    session.createdBy = query.value(6).isNull() ? 0 : query.value(6).toLongLong();
    session.createdAt = query.value(7).toLongLong();
    return session;
}

Result<std::optional<UploadSession>> first(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<UploadSession>();
    return std::optional<UploadSession>(readSession(*query));
}

} // namespace

qint64 UploadSession::sizeOfPart(int n) const
{
    if (n < 1 || n > totalParts)
        return -1;
    if (n < totalParts)
        return partSize;
    return fileSize - partSize * qint64(totalParts - 1);
}

UploadSessionRepository::UploadSessionRepository(Database& database) : m_database(database) { }

Status UploadSessionRepository::insert(const UploadSession& session)
{
    QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = sqlExec(
        db,
        QStringLiteral("INSERT INTO uploads (id, image_id, store_upload_id, part_size, total_parts, file_size, "
                       "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        { session.id, session.imageId, session.storeUploadId, session.partSize, session.totalParts, session.fileSize,
          session.createdBy > 0 ? QVariant(session.createdBy) : QVariant(QMetaType(QMetaType::LongLong)),
          session.createdAt });
    if (!query)
        return query.error();
    return {};
}

Result<std::optional<UploadSession>> UploadSessionRepository::byId(const QString& id)
{
    QSqlDatabase db = m_database.connection();
    return first(sqlExec(db, kColumns + QStringLiteral("WHERE id = ?"), { id }));
}

Result<std::optional<UploadSession>> UploadSessionRepository::byImage(qint64 imageId)
{
    QSqlDatabase db = m_database.connection();
    return first(sqlExec(db, kColumns + QStringLiteral("WHERE image_id = ? ORDER BY created_at DESC"), { imageId }));
}

Result<QList<UploadSession>> UploadSessionRepository::createdBefore(qint64 ms)
{
    QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = sqlExec(db, kColumns + QStringLiteral("WHERE created_at < ?"), { ms });
    if (!query)
        return query.error();
    QList<UploadSession> sessions;
    while (query->next())
        sessions.append(readSession(*query));
    return sessions;
}

Status UploadSessionRepository::remove(const QString& id)
{
    QSqlDatabase db = m_database.connection();
    Result<QSqlQuery> query = sqlExec(db, QStringLiteral("DELETE FROM uploads WHERE id = ?"), { id });
    if (!query)
        return query.error();
    return {};
}

} // namespace sreg::http
