#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace sreg {

// Versioned schema. Each version is a list of statements applied in one transaction; the current version is
// kept in schema_version. Statements are written once for SQLite and PostgreSQL: the only dialect difference
// we allow is the auto-increment key, spelled {ID} and expanded per driver, and version 3's search indexes,
// which exist on SQLite only (elsewhere search scans, see ImageService::search).
class Migrator final
{
public:
    static int latestVersion();
    static int currentVersion(QSqlDatabase& db); // 0 for an empty database
    // Brings db up to targetVersion (never down); a database newer than this program is refused.
    static Status migrate(QSqlDatabase& db, bool sqlite, int targetVersion);

private:
    static QStringList statementsFor(int version, bool sqlite);
};

} // namespace sreg
