#include "metadata/Database.h"
#include "metadata/Migrator.h"
#include "metadata/Sql.h"

#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace sreg;

// The schema migrates from nothing and from every older version, keeps the data it had, and a database from a
// newer program is refused instead of being damaged.
class MigrationTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesAnEmptyDatabaseToTheLatestVersion();
    void migratesEachOlderVersion_data();
    void migratesEachOlderVersion();
    void refusesANewerSchema();
    void usesWalAndForeignKeys();
    void connectionsArePerThread();

private:
    static QStringList schemaOf(QSqlDatabase db);
};

QStringList MigrationTest::schemaOf(QSqlDatabase db)
{
    QStringList schema;
    QStringList tables = db.tables();
    tables.sort();
    for (const QString& table : tables) {
        QStringList columns;
        const QSqlRecord record = db.record(table);
        for (int i = 0; i < record.count(); ++i)
            columns.append(record.fieldName(i));
        schema.append(table + QStringLiteral("(") + columns.join(u',') + u')');
    }
    Result<QSqlQuery> indexes = sqlExec(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"));
    while (indexes && indexes->next())
        schema.append(QStringLiteral("index ") + indexes->value(0).toString());
    return schema;
}

void MigrationTest::migratesAnEmptyDatabaseToTheLatestVersion()
{
    QTemporaryDir dir;
    DatabaseConfig config;
    config.sqlitePath = dir.filePath(QStringLiteral("r.db"));
    Result<std::shared_ptr<Database>> db = Database::open(config);
    QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message()));
    QCOMPARE((*db)->schemaVersion(), Migrator::latestVersion());
    const QStringList tables = (*db)->connection().tables();
    for (const char* table : { "users", "teams", "team_members", "collections", "collection_members", "containers",
             "blobs", "blob_labels", "images", "tags", "tag_history", "tokens", "audit_events", "pending_blobs", "uploads" })
        QVERIFY2(tables.contains(QString::fromLatin1(table)), table);
    // Opening again is a no-op.
    db->reset();
    Result<std::shared_ptr<Database>> again = Database::open(config);
    QVERIFY(again.ok());
    QCOMPARE((*again)->schemaVersion(), Migrator::latestVersion());
}

void MigrationTest::migratesEachOlderVersion_data()
{
    QTest::addColumn<int>("from");
    for (int version = 1; version < Migrator::latestVersion(); ++version)
        QTest::newRow(qPrintable(QStringLiteral("v%1").arg(version))) << version;
}

void MigrationTest::migratesEachOlderVersion()
{
    QFETCH(int, from);
    QTemporaryDir dir;
    DatabaseConfig config;

    // The schema a fresh database gets, for comparison.
    config.sqlitePath = dir.filePath(QStringLiteral("fresh.db"));
    QStringList freshSchema;
    {
        Result<std::shared_ptr<Database>> fresh = Database::open(config);
        QVERIFY(fresh.ok());
        freshSchema = schemaOf((*fresh)->connection());
    }

    config.sqlitePath = dir.filePath(QStringLiteral("old.db"));
    {
        Result<std::shared_ptr<Database>> old = Database::openAtVersion(config, from);
        QVERIFY(old.ok());
        QCOMPARE((*old)->schemaVersion(), from);
        QSqlDatabase db = (*old)->connection();
        // Data written by the old version, through the columns version 1 has.
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO users (name, role, created_at) VALUES ('alice', 'user', 1)")).ok());
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO collections (name, created_at, updated_at) VALUES ('lab', 1, 1)")).ok());
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO containers (collection_id, name, created_at, updated_at) VALUES (1, 'tool', 1, 1)")).ok());
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO images (container_id, digest, size, uploaded, created_at) VALUES (1, 'sha256.x', 10, 1, 1)")).ok());
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO blobs (digest, size, created_at) VALUES ('sha256.x', 10, 1)")).ok());
        QVERIFY(sqlExec(db, QStringLiteral("INSERT INTO blob_labels (digest, key, value) VALUES ('sha256.x', 'org.label-schema.name', 'samtools')")).ok());
    }
    Result<std::shared_ptr<Database>> upgraded = Database::open(config);
    QVERIFY2(upgraded.ok(), upgraded ? "" : qPrintable(upgraded.error().message()));
    QCOMPARE((*upgraded)->schemaVersion(), Migrator::latestVersion());
    QSqlDatabase db = (*upgraded)->connection();
    QCOMPARE(schemaOf(db), freshSchema);
    Result<QSqlQuery> row = sqlExec(db, QStringLiteral("SELECT u.name, i.size, i.downloads FROM users u, images i"));
    QVERIFY(row.ok() && row->next());
    QCOMPARE(row->value(0).toString(), QStringLiteral("alice"));
    QCOMPARE(row->value(1).toLongLong(), 10);
    QCOMPARE(row->value(2).toLongLong(), 0); // a column added by a later version got its default
    // The search indexes (version 3) hold what was there before them, and follow changes made after.
    const auto found = [&db](const QString& sql) {
        Result<std::optional<QVariant>> count = sqlScalar(db, sql);
        return count && *count ? (*count)->toInt() : -1;
    };
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM collections_search WHERE name LIKE '%la%'")), 1);
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM containers_search WHERE name LIKE '%too%'")), 1);
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM labels_search WHERE value LIKE '%MTOOL%'")), 1);
    QVERIFY(sqlExec(db, QStringLiteral("DELETE FROM blobs")).ok()); // cascades to the labels
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM labels_search")), 0);
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM label_search_ids")), 0);
    QVERIFY(sqlExec(db, QStringLiteral("UPDATE collections SET name = 'physics' WHERE name = 'lab'")).ok());
    QCOMPARE(found(QStringLiteral("SELECT COUNT(*) FROM collections_search WHERE name LIKE '%phys%'")), 1);
}

void MigrationTest::refusesANewerSchema()
{
    QTemporaryDir dir;
    DatabaseConfig config;
    config.sqlitePath = dir.filePath(QStringLiteral("r.db"));
    {
        Result<std::shared_ptr<Database>> db = Database::open(config);
        QVERIFY(db.ok());
        QSqlDatabase connection = (*db)->connection();
        QVERIFY(sqlExec(connection, QStringLiteral("UPDATE schema_version SET version = 999")).ok());
    }
    Result<std::shared_ptr<Database>> db = Database::open(config);
    QVERIFY(!db.ok());
    QVERIFY2(db.error().message().contains(QStringLiteral("newer")), qPrintable(db.error().message()));
}

void MigrationTest::usesWalAndForeignKeys()
{
    QTemporaryDir dir;
    DatabaseConfig config;
    config.sqlitePath = dir.filePath(QStringLiteral("r.db"));
    Result<std::shared_ptr<Database>> db = Database::open(config);
    QVERIFY(db.ok());
    QSqlDatabase connection = (*db)->connection();
    Result<std::optional<QVariant>> mode = sqlScalar(connection, QStringLiteral("PRAGMA journal_mode"));
    QVERIFY(mode && *mode);
    QCOMPARE((*mode)->toString().toLower(), QStringLiteral("wal"));
    Result<std::optional<QVariant>> keys = sqlScalar(connection, QStringLiteral("PRAGMA foreign_keys"));
    QVERIFY(keys && *keys);
    QCOMPARE((*keys)->toInt(), 1);
    // A dangling reference is refused.
    QVERIFY(!sqlExec(connection, QStringLiteral("INSERT INTO containers (collection_id, name, created_at, updated_at) VALUES (42, 'x', 1, 1)")).ok());
}

void MigrationTest::connectionsArePerThread()
{
    QTemporaryDir dir;
    DatabaseConfig config;
    config.sqlitePath = dir.filePath(QStringLiteral("r.db"));
    Result<std::shared_ptr<Database>> db = Database::open(config);
    QVERIFY(db.ok());
    const QString mainName = (*db)->connection().connectionName();
    QString otherName;
    bool otherWorked = false;
    std::thread worker([&] {
        QSqlDatabase connection = (*db)->connection();
        otherName = connection.connectionName();
        otherWorked = sqlExec(connection, QStringLiteral("INSERT INTO settings (key, value) VALUES ('k', 'v')")).ok();
    });
    worker.join();
    QVERIFY(otherWorked);
    QVERIFY(!otherName.isEmpty());
    QVERIFY(mainName != otherName);
    // The thread's connection was closed when the thread ended.
    QVERIFY(!QSqlDatabase::contains(otherName));
    QSqlDatabase connection = (*db)->connection();
    Result<std::optional<QVariant>> value = sqlScalar(connection, QStringLiteral("SELECT value FROM settings"));
    QVERIFY(value && *value);
    QCOMPARE((*value)->toString(), QStringLiteral("v"));
}

QTEST_GUILESS_MAIN(MigrationTest)
#include "MigrationTest.moc"
