#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace sreg {

// Where the metadata lives: a SQLite file (the default) or a PostgreSQL server.
struct DatabaseConfig
{
    enum class Driver
    {
        Sqlite,
        Postgres
    };
    Driver driver = Driver::Sqlite;
    QString sqlitePath; // Sqlite
    QString host, databaseName, user, password; // Postgres
    int port = 5432;
    int busyTimeoutMs = 10000;
};

// The metadata database. Qt 6.4 cannot move a QSqlDatabase between threads, so every thread that touches the
// registry gets its own named connection, opened on first use and closed when the thread ends or the Database
// is destroyed. SQLite runs in WAL mode with foreign keys on and a busy timeout, so readers never block the
// writer and short write transactions from several threads (or processes: the server and the CLI) queue.
class Database final
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating when needed) and migrates the schema to the latest version.
    static Result<std::shared_ptr<Database>> open(const DatabaseConfig& config);
    // As open(), but migrates only up to targetVersion: lets tests build every older schema.
    static Result<std::shared_ptr<Database>> openAtVersion(const DatabaseConfig& config, int targetVersion);

    // This thread's connection, opened on first use. Invalid (isOpen() false) only if opening failed.
    QSqlDatabase connection();
    Result<QSqlDatabase> checkedConnection();
    const DatabaseConfig& config() const { return m_config; }
    bool isSqlite() const { return m_config.driver == DatabaseConfig::Driver::Sqlite; }
    int schemaVersion();

private:
    explicit Database(DatabaseConfig config);
    Result<QSqlDatabase> openConnection(const QString& name);

    struct Private;
    DatabaseConfig m_config;
    std::shared_ptr<Private> d;
};

} // namespace sreg
