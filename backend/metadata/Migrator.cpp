#include "Migrator.h"

#include "Sql.h"

#include <QSqlQuery>

namespace sreg {

namespace {

// Version 1: the model of DESIGN §4. Times are Unix milliseconds (UTC); booleans are 0/1 integers.
const char* const kVersion1[] = {
    R"(CREATE TABLE users (
        id {ID},
        name TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user')),
        active INTEGER NOT NULL DEFAULT 1,
        quota_bytes BIGINT,
        created_at BIGINT NOT NULL))",
    R"(CREATE TABLE teams (
        id {ID},
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL))",
    R"(CREATE TABLE team_members (
        team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
        PRIMARY KEY (team_id, user_id)))",
    R"(CREATE TABLE collections (
        id {ID},
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        private INTEGER NOT NULL DEFAULT 0,
        contributors_can_push INTEGER NOT NULL DEFAULT 0,
        quota_bytes BIGINT,
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL))",
    // Members are users or teams; a team member holds the team's role on the collection.
    R"(CREATE TABLE collection_members (
        collection_id BIGINT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
        team_id BIGINT REFERENCES teams(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'contributor')),
        CHECK ((user_id IS NULL) <> (team_id IS NULL))))",
    "CREATE UNIQUE INDEX collection_members_user ON collection_members(collection_id, user_id)",
    "CREATE UNIQUE INDEX collection_members_team ON collection_members(collection_id, team_id)",
    R"(CREATE TABLE containers (
        id {ID},
        collection_id BIGINT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (collection_id, name)))",
    // What we know of a blob's content, once per digest: the parsed SIF.
    R"(CREATE TABLE blobs (
        digest TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        arch TEXT NOT NULL DEFAULT '',
        signed INTEGER NOT NULL DEFAULT 0,
        sif_json TEXT NOT NULL DEFAULT '{}',
        created_at BIGINT NOT NULL))",
    R"(CREATE TABLE blob_labels (
        digest TEXT NOT NULL REFERENCES blobs(digest) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (digest, key)))",
    // An image is a digest in a container. The library API announces images before their bytes arrive, so a
    // row may exist with uploaded = 0 and no blob yet.
    R"(CREATE TABLE images (
        id {ID},
        container_id BIGINT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        digest TEXT NOT NULL,
        size BIGINT NOT NULL DEFAULT 0,
        arch TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        uploaded INTEGER NOT NULL DEFAULT 0,
        uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (container_id, digest)))",
    "CREATE INDEX images_digest ON images(digest)",
    R"(CREATE TABLE tags (
        id {ID},
        container_id BIGINT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        arch TEXT NOT NULL,
        image_id BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        frozen INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (container_id, name, arch)))",
    "CREATE INDEX tags_image ON tags(image_id)",
    // What each tag pointed at over time; digest is kept so history survives the image's deletion.
    R"(CREATE TABLE tag_history (
        id {ID},
        container_id BIGINT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        arch TEXT NOT NULL,
        digest TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT NOT NULL,
        at BIGINT NOT NULL))",
    "CREATE INDEX tag_history_tag ON tag_history(container_id, tag, arch, at)",
    // Token secrets are never stored: secret_hash is SHA-256 of the secret (see TokenSecrets).
    R"(CREATE TABLE tokens (
        id {ID},
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        public_id TEXT NOT NULL UNIQUE,
        secret_hash TEXT NOT NULL,
        scopes TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        last_used_at BIGINT,
        revoked_at BIGINT,
        UNIQUE (user_id, name)))",
    R"(CREATE TABLE audit_events (
        id {ID},
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        detail TEXT NOT NULL DEFAULT ''))",
    "CREATE INDEX audit_events_at ON audit_events(at)",
    // A blob committed to the store but not yet recorded: if the process dies in between, the next open
    // removes the blob unless an image references it. Also keeps GC away from blobs being pushed.
    R"(CREATE TABLE pending_blobs (
        digest TEXT NOT NULL,
        owner TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        PRIMARY KEY (digest, owner)))",
    R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL))",
};

// Version 2: download statistics, lookups by name that stay logarithmic at 100 000 images, and the
// library API's multipart upload sessions.
const char* const kVersion2[] = {
    "ALTER TABLE images ADD COLUMN downloads BIGINT NOT NULL DEFAULT 0",
    "ALTER TABLE images ADD COLUMN last_pulled_at BIGINT",
    "CREATE INDEX containers_name ON containers(name)",
    "CREATE INDEX tags_name ON tags(name)",
    "CREATE INDEX blob_labels_key_value ON blob_labels(key, value)",
    "CREATE INDEX audit_events_actor ON audit_events(actor, at)",
    R"(CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        image_id BIGINT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        store_upload_id TEXT NOT NULL,
        part_size BIGINT NOT NULL,
        total_parts INTEGER NOT NULL,
        file_size BIGINT NOT NULL,
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL))",
};

// Version 3 (SQLite): trigram indexes for search, so that "contains this text" over collection, container and
// tag names and label keys and values is an index lookup rather than a scan of every row (FTS5's trigram
// tokenizer answers LIKE '%text%' from its index for three characters or more). Kept in step by triggers,
// which also fire for rows removed by ON DELETE CASCADE. Labels have no stable integer key of their own
// (their implicit rowid may change on VACUUM), so label_search_ids gives each (digest, key) one.
const char* const kVersion3Sqlite[] = {
    "CREATE VIRTUAL TABLE collections_search USING fts5(name, tokenize = 'trigram')",
    "INSERT INTO collections_search (rowid, name) SELECT id, name FROM collections",
    R"(CREATE TRIGGER collections_search_insert AFTER INSERT ON collections BEGIN
        INSERT INTO collections_search (rowid, name) VALUES (new.id, new.name); END)",
    R"(CREATE TRIGGER collections_search_delete AFTER DELETE ON collections BEGIN
        DELETE FROM collections_search WHERE rowid = old.id; END)",
    R"(CREATE TRIGGER collections_search_update AFTER UPDATE OF name ON collections BEGIN
        UPDATE collections_search SET name = new.name WHERE rowid = old.id; END)",
    "CREATE VIRTUAL TABLE containers_search USING fts5(name, tokenize = 'trigram')",
    "INSERT INTO containers_search (rowid, name) SELECT id, name FROM containers",
    R"(CREATE TRIGGER containers_search_insert AFTER INSERT ON containers BEGIN
        INSERT INTO containers_search (rowid, name) VALUES (new.id, new.name); END)",
    R"(CREATE TRIGGER containers_search_delete AFTER DELETE ON containers BEGIN
        DELETE FROM containers_search WHERE rowid = old.id; END)",
    R"(CREATE TRIGGER containers_search_update AFTER UPDATE OF name ON containers BEGIN
        UPDATE containers_search SET name = new.name WHERE rowid = old.id; END)",
    "CREATE VIRTUAL TABLE tags_search USING fts5(name, tokenize = 'trigram')",
    "INSERT INTO tags_search (rowid, name) SELECT id, name FROM tags",
    R"(CREATE TRIGGER tags_search_insert AFTER INSERT ON tags BEGIN
        INSERT INTO tags_search (rowid, name) VALUES (new.id, new.name); END)",
    R"(CREATE TRIGGER tags_search_delete AFTER DELETE ON tags BEGIN
        DELETE FROM tags_search WHERE rowid = old.id; END)",
    R"(CREATE TRIGGER tags_search_update AFTER UPDATE OF name ON tags BEGIN
        UPDATE tags_search SET name = new.name WHERE rowid = old.id; END)",
    R"(CREATE TABLE label_search_ids (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        digest TEXT NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (digest, key)))",
    "CREATE INDEX label_search_ids_digest ON label_search_ids(digest)",
    "CREATE VIRTUAL TABLE labels_search USING fts5(key, value, tokenize = 'trigram')",
    "INSERT INTO label_search_ids (digest, key) SELECT digest, key FROM blob_labels",
    R"(INSERT INTO labels_search (rowid, key, value)
        SELECT s.id, l.key, l.value FROM blob_labels l JOIN label_search_ids s ON s.digest = l.digest AND s.key = l.key)",
    R"(CREATE TRIGGER labels_search_insert AFTER INSERT ON blob_labels BEGIN
        INSERT INTO label_search_ids (digest, key) VALUES (new.digest, new.key);
        INSERT INTO labels_search (rowid, key, value) VALUES (last_insert_rowid(), new.key, new.value); END)",
    R"(CREATE TRIGGER labels_search_delete AFTER DELETE ON blob_labels BEGIN
        DELETE FROM labels_search WHERE rowid =
            (SELECT id FROM label_search_ids WHERE digest = old.digest AND key = old.key);
        DELETE FROM label_search_ids WHERE digest = old.digest AND key = old.key; END)",
    R"(CREATE TRIGGER labels_search_update AFTER UPDATE OF value ON blob_labels BEGIN
        UPDATE labels_search SET value = new.value WHERE rowid =
            (SELECT id FROM label_search_ids WHERE digest = old.digest AND key = old.key); END)",
};

template<size_t N>
QStringList toList(const char* const (&statements)[N])
{
    QStringList list;
    for (const char* statement : statements)
        list.append(QString::fromUtf8(statement));
    return list;
}

} // namespace

int Migrator::latestVersion()
{
    return 3;
}

QStringList Migrator::statementsFor(int version, bool sqlite)
{
    switch (version) {
    case 1:
        return toList(kVersion1);
    case 2:
        return toList(kVersion2);
    case 3: // elsewhere search scans: nothing to add
        return sqlite ? toList(kVersion3Sqlite) : QStringList();
    default:
        return {};
    }
}

int Migrator::currentVersion(QSqlDatabase& db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    Result<std::optional<QVariant>> version = sqlScalar(db, QStringLiteral("SELECT version FROM schema_version"));
    return version && *version ? (*version)->toInt() : 0;
}

Status Migrator::migrate(QSqlDatabase& db, bool sqlite, int targetVersion)
{
    if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
        !q)
        return q.error();
    // One transaction per version; the version is re-read inside it because another process (the server and
    // the CLI share data folders) may have migrated meanwhile.
    for (;;) {
        Transaction transaction(db);
        if (Status begun = transaction.begin(); !begun)
            return begun.error();
        const int current = currentVersion(db);
        if (current > latestVersion())
            return Error(ErrorCode::Unavailable,
                QStringLiteral("the metadata database has schema version %1, newer than this program knows (%2); "
                               "upgrade sregistry-server")
                    .arg(current)
                    .arg(latestVersion()));
        if (current >= targetVersion)
            return transaction.commit();
        const int next = current + 1;
        for (QString statement : statementsFor(next, sqlite)) {
            statement.replace(QStringLiteral("{ID}"),
                sqlite ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT") : QStringLiteral("BIGSERIAL PRIMARY KEY"));
            if (Result<QSqlQuery> q = sqlExec(db, statement); !q)
                return q.error().prefixed(QStringLiteral("migrating the schema to version %1").arg(next));
        }
        Result<QSqlQuery> q = current == 0
            ? sqlExec(db, QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), { next })
            : sqlExec(db, QStringLiteral("UPDATE schema_version SET version = ?"), { next });
        if (!q)
            return q.error();
        if (Status committed = transaction.commit(); !committed)
            return committed.error();
    }
}

} // namespace sreg
