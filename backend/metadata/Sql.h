#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace sreg {

// Prepares and runs one statement with positional '?' binds. A constraint violation becomes AlreadyExists,
// a locked database Unavailable, anything else Internal; the message names the statement.
Result<QSqlQuery> sqlExec(QSqlDatabase& db, const QString& statement, const QVariantList& binds = {});
// For writes whose failure must not fail the operation around them (statistics, clean-up of marks that
// recovery also removes): runs the statement and logs a warning if it fails.
void sqlExecBestEffort(QSqlDatabase& db, const QString& statement, const QVariantList& binds = {});
// Runs a query expected to return at most one row with one column; nullopt when there is no row.
Result<std::optional<QVariant>> sqlScalar(QSqlDatabase& db, const QString& statement, const QVariantList& binds = {});

// A write transaction. On SQLite it starts with BEGIN IMMEDIATE, taking the write lock up front, so two writers
// never deadlock upgrading read locks. Rolls back unless commit() succeeded.
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace sreg
