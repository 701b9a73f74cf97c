#include "Database.h"

#include "Migrator.h"
#include "Sql.h"

#include <QAtomicInteger>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <vector>

namespace sreg {

// The connections a Database opened, shared with the per-thread cleanup below so that whichever ends first
// (the thread or the Database) closes them.
struct DatabaseShared
{
    QString prefix;
    QMutex mutex;
    QSet<QString> names;
};

struct Database::Private : DatabaseShared
{
};

namespace {

QAtomicInteger<quint64> g_databaseCounter;

// Closes this thread's connections when the thread ends (thread-pool threads come and go).
struct ThreadConnections
{
    std::vector<std::pair<std::weak_ptr<DatabaseShared>, QString>> entries;
    ~ThreadConnections()
    {
        for (auto& [weak, name] : entries) {
            if (auto shared = weak.lock()) {
                QMutexLocker lock(&shared->mutex);
                if (shared->names.remove(name))
                    QSqlDatabase::removeDatabase(name);
            }
        }
    }
};
thread_local ThreadConnections t_connections;

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , d(std::make_shared<Private>())
{
    d->prefix = QStringLiteral("sreg-db-%1").arg(g_databaseCounter.fetchAndAddRelaxed(1));
}

Database::~Database()
{
    QMutexLocker lock(&d->mutex);
    for (const QString& name : std::as_const(d->names))
        QSqlDatabase::removeDatabase(name);
    d->names.clear();
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseConfig& config)
{
    return openAtVersion(config, Migrator::latestVersion());
}

Result<std::shared_ptr<Database>> Database::openAtVersion(const DatabaseConfig& config, int targetVersion)
{
    std::shared_ptr<Database> database(new Database(config));
    Result<QSqlDatabase> db = database->checkedConnection();
    if (!db)
        return db.error();
    if (Status migrated = Migrator::migrate(*db, database->isSqlite(), targetVersion); !migrated)
        return migrated.error();
    return database;
}

QSqlDatabase Database::connection()
{
    Result<QSqlDatabase> db = checkedConnection();
    return db ? *db : QSqlDatabase();
}

Result<QSqlDatabase> Database::checkedConnection()
{
    const QString name = d->prefix + QStringLiteral("-t") + QString::number(quintptr(QThread::currentThreadId()), 16);
    {
        QMutexLocker lock(&d->mutex);
        if (d->names.contains(name))
            return QSqlDatabase::database(name, false);
    }
    Result<QSqlDatabase> db = openConnection(name);
    if (!db) {
        QSqlDatabase::removeDatabase(name);
        return db.error();
    }
    QMutexLocker lock(&d->mutex);
    d->names.insert(name);
    t_connections.entries.emplace_back(std::static_pointer_cast<DatabaseShared>(d), name);
    return db;
}

Result<QSqlDatabase> Database::openConnection(const QString& name)
{
    const bool sqlite = isSqlite();
    QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    if (!db.isValid())
        return Error(ErrorCode::Unavailable,
            QStringLiteral("the Qt SQL driver %1 is not installed").arg(sqlite ? "QSQLITE" : "QPSQL"));
    if (sqlite) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_config.busyTimeoutMs));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.databaseName);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
    }
    if (!db.open())
        return Error(ErrorCode::Unavailable,
            QStringLiteral("cannot open the metadata database: %1").arg(db.lastError().text()));
    if (sqlite) {
        // WAL lets readers run while one writer writes; NORMAL sync is durable across crashes of the process
        // (a power cut may lose the last transactions, never consistency: blobs without rows are GC'd).
        for (const char* pragma : { "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL",
                 "PRAGMA temp_store=MEMORY" }) {
            if (Result<QSqlQuery> q = sqlExec(db, QString::fromLatin1(pragma)); !q)
                return q.error();
        }
        if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("PRAGMA busy_timeout=%1").arg(m_config.busyTimeoutMs)); !q)
            return q.error();
    }
    return db;
}

int Database::schemaVersion()
{
    QSqlDatabase db = connection();
    return Migrator::currentVersion(db);
}

} // namespace sreg
