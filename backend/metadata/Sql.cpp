#include "Sql.h"

#include <QDebug>
#include <QSqlDriver>
#include <QSqlError>

namespace sreg {

namespace {

bool isConstraintViolation(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 19 SQLITE_CONSTRAINT and its extended codes (1555 primary key, 2067 unique); PostgreSQL: 23xxx.
    return code == u"19" || code == u"1555" || code == u"2067" || code.startsWith(u"23");
}

bool isBusy(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    return code == u"5" || code == u"6" || code == u"517"; // SQLITE_BUSY, SQLITE_LOCKED, BUSY_SNAPSHOT
}

Error toError(const QSqlError& error, const QString& statement)
{
    const QString what = statement.simplified().left(60);
    if (isConstraintViolation(error))
        return Error(ErrorCode::AlreadyExists, QStringLiteral("already exists (%1)").arg(error.databaseText()));
    if (isBusy(error))
        return Error(ErrorCode::Unavailable, QStringLiteral("the metadata database is busy (%1)").arg(what));
    return Error(ErrorCode::Internal, QStringLiteral("database error in '%1': %2").arg(what, error.text()));
}

} // namespace

Result<QSqlQuery> sqlExec(QSqlDatabase& db, const QString& statement, const QVariantList& binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return toError(query.lastError(), statement);
    for (const QVariant& value : binds) {
        // A null QString would bind as SQL NULL; every text column here is NOT NULL, so bind it as ''.
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QStringLiteral(""));
        else
            query.addBindValue(value);
    }
    if (!query.exec())
        return toError(query.lastError(), statement);
    return query;
}

void sqlExecBestEffort(QSqlDatabase& db, const QString& statement, const QVariantList& binds)
{
    if (Result<QSqlQuery> query = sqlExec(db, statement, binds); !query)
        qWarning().noquote() << query.error().message();
}

Result<std::optional<QVariant>> sqlScalar(QSqlDatabase& db, const QString& statement, const QVariantList& binds)
{
    Result<QSqlQuery> query = sqlExec(db, statement, binds);
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<QVariant>();
    return std::optional<QVariant>(query->value(0));
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::begin()
{
    const bool sqlite = m_db.driverName() == u"QSQLITE";
    Result<QSqlQuery> q = sqlExec(m_db, sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
    if (!q)
        return q.error();
    m_active = true;
    return {};
}

Status Transaction::commit()
{
    if (!m_active)
        return Error(ErrorCode::Internal, QStringLiteral("commit without a transaction"));
    Result<QSqlQuery> q = sqlExec(m_db, QStringLiteral("COMMIT"));
    if (!q)
        return q.error();
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
}

} // namespace sreg
