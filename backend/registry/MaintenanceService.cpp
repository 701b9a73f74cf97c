#include "MaintenanceService.h"

#include "AuditLog.h"
#include "Permissions.h"
#include "RegistryContext.h"
#include "common/Clock.h"
#include "common/Sha256.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

#include <QHostInfo>
#include <QSet>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <thread>

namespace sreg {

namespace {

constexpr qint64 DayMs = 24LL * 60 * 60 * 1000;
constexpr qint64 HashChunk = 4 * 1024 * 1024;

// A pending blob's owner ("host:pid") is gone when it ran on this host and the pid no longer exists.
bool ownerIsGone(const QString& owner, qint64 startedAt)
{
    if (nowMs() - startedAt > DayMs)
        return true;
    const qsizetype colon = owner.lastIndexOf(u':');
    if (colon < 0 || owner.left(colon) != QHostInfo::localHostName())
        return false;
    bool ok = false;
    const qint64 pid = owner.mid(colon + 1).toLongLong(&ok);
    return ok && pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

Error denied(const Actor& actor)
{
    return actor.isAuthenticated()
        ? Error(ErrorCode::PermissionDenied, QStringLiteral("only administrators may maintain storage"))
        : Error(ErrorCode::Unauthenticated, QStringLiteral("authentication required"));
}

Result<QSet<QString>> referencedDigests(QSqlDatabase& db)
{
    Result<QSqlQuery> rows = sqlExec(db,
        QStringLiteral("SELECT DISTINCT digest FROM images WHERE uploaded = 1 UNION SELECT digest FROM pending_blobs"));
    if (!rows)
        return rows.error();
    QSet<QString> digests;
    while (rows->next())
        digests.insert(rows->value(0).toString());
    return digests;
}

} // namespace

MaintenanceService::MaintenanceService(RegistryContext& context)
    : m_context(context)
{
}

Status MaintenanceService::dropIfUnreferenced(const QString& digestText)
{
    const std::optional<Digest> digest = Digest::fromString(digestText);
    if (!digest)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("malformed digest '%1'").arg(digestText));
    QSqlDatabase db = m_context.database->connection();
    // The write lock is held while deciding and deleting: a push of the same bytes marks them pending under the
    // same lock before committing them, so it either sees the blob gone or keeps GC away.
    Transaction transaction(db);
    if (Status begun = transaction.begin(); !begun)
        return begun;
    Result<std::optional<QVariant>> used = sqlScalar(db,
        QStringLiteral("SELECT 1 FROM images WHERE digest = ? AND uploaded = 1 UNION ALL "
                       "SELECT 1 FROM pending_blobs WHERE digest = ?"),
        { digestText, digestText });
    if (!used)
        return used.error();
    if (*used)
        return transaction.commit();
    if (Result<QSqlQuery> q = sqlExec(db, QStringLiteral("DELETE FROM blobs WHERE digest = ?"), { digestText }); !q)
        return q.error();
    if (Status removed = m_context.store->remove(*digest); !removed)
        return removed;
    return transaction.commit();
}

Status MaintenanceService::recoverInterrupted()
{
    if (Status cleaned = m_context.store->cleanupStale(std::chrono::hours(24)); !cleaned)
        return cleaned;
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db, QStringLiteral("SELECT digest, owner, started_at FROM pending_blobs"));
    if (!rows)
        return rows.error();
    QList<std::pair<QString, QString>> orphans;
    while (rows->next()) {
        if (ownerIsGone(rows->value(1).toString(), rows->value(2).toLongLong()))
            orphans.append({ rows->value(0).toString(), rows->value(1).toString() });
    }
    rows->finish();
    for (const auto& [digest, owner] : orphans) {
        if (Result<QSqlQuery> q = sqlExec(
                db, QStringLiteral("DELETE FROM pending_blobs WHERE digest = ? AND owner = ?"), { digest, owner });
            !q)
            return q.error();
        if (Status dropped = dropIfUnreferenced(digest); !dropped)
            return dropped;
    }
    return {};
}

Result<GcReport> MaintenanceService::collectGarbage(const Actor& actor, bool dryRun)
{
    if (!Permissions::allows(actor, Action::Maintenance))
        return denied(actor);
    GcReport report;
    report.dryRun = dryRun;
    QSqlDatabase db = m_context.database->connection();
    Result<QSet<QString>> referenced = referencedDigests(db);
    if (!referenced)
        return referenced.error();
    Status enumerated = m_context.store->enumerate([&](const BlobInfo& blob) {
        if (!referenced->contains(blob.digest.toString())) {
            report.blobs.append(blob);
            report.bytes += blob.size;
        }
        return true;
    });
    if (!enumerated)
        return enumerated.error();

    // Images announced through the library API whose bytes never came, after a day.
    const qint64 cutoff = nowMs() - DayMs;
    Result<std::optional<QVariant>> abandoned = sqlScalar(db,
        QStringLiteral("SELECT COUNT(*) FROM images WHERE uploaded = 0 AND created_at < ? AND "
                       "NOT EXISTS (SELECT 1 FROM tags WHERE image_id = images.id)"),
        { cutoff });
    if (!abandoned)
        return abandoned.error();
    report.abandonedUploads = *abandoned ? int((*abandoned)->toLongLong()) : 0;

    if (!dryRun) {
        for (const BlobInfo& blob : std::as_const(report.blobs)) {
            if (Status dropped = dropIfUnreferenced(blob.digest.toString()); !dropped)
                report.errors.append(blob.digest.toString() + QStringLiteral(": ") + dropped.error().message());
        }
        Result<QSqlQuery> q = sqlExec(db,
            QStringLiteral("DELETE FROM images WHERE uploaded = 0 AND created_at < ? AND "
                           "NOT EXISTS (SELECT 1 FROM tags WHERE image_id = images.id)"),
            { cutoff });
        if (!q)
            report.errors.append(q.error().message());
        // Metadata of blobs that are no longer stored nor referenced.
        sqlExecBestEffort(db, QStringLiteral("DELETE FROM blobs WHERE NOT EXISTS (SELECT 1 FROM images i WHERE i.digest = blobs.digest "
                                   "AND i.uploaded = 1) AND NOT EXISTS (SELECT 1 FROM pending_blobs p WHERE p.digest = blobs.digest)"));
        m_context.audit->record(actor, QStringLiteral("storage.gc"), QStringLiteral("storage"), m_context.store->describe(),
            report.errors.isEmpty() ? QStringLiteral("ok") : QStringLiteral("failed"),
            QStringLiteral("%1 blobs, %2 bytes, %3 abandoned uploads%4")
                .arg(report.blobs.size())
                .arg(report.bytes)
                .arg(report.abandonedUploads)
                .arg(report.errors.isEmpty() ? QString() : QStringLiteral("; ") + report.errors.join(QStringLiteral("; "))));
    }
    return report;
}

Result<VerifyReport> MaintenanceService::verify(const Actor& actor, const ProgressCallback& progress)
{
    if (!Permissions::allows(actor, Action::Maintenance))
        return denied(actor);
    QList<BlobInfo> blobs;
    qint64 totalBytes = 0;
    Status enumerated = m_context.store->enumerate([&](const BlobInfo& blob) {
        blobs.append(blob);
        totalBytes += blob.size;
        return true;
    });
    if (!enumerated)
        return enumerated.error();

    VerifyReport report;
    std::mutex mutex;
    std::atomic<qint64> done { 0 };
    std::atomic<int> next { 0 };
    std::atomic<bool> cancelled { false };
    std::atomic<int> finishedWorkers { 0 };
    // Blobs are hashed in parallel, one per hardware thread; each blob is read in large sequential chunks.
    auto worker = [&]() {
        QByteArray buffer(HashChunk, Qt::Uninitialized);
        Sha256 hasher;
        for (int index = next++; index < blobs.size() && !cancelled; index = next++) {
            const BlobInfo& blob = blobs[index];
            Result<std::unique_ptr<ByteSource>> source = m_context.store->openRead(blob.digest);
            if (!source) {
                std::lock_guard lock(mutex);
                report.unreadable.append(blob.digest.toString() + QStringLiteral(": ") + source.error().message());
                continue;
            }
            const qint64 size = (*source)->size();
            qint64 offset = 0;
            bool failed = false;
            while (offset < size && !cancelled) {
                Result<qint64> n = (*source)->readAt(offset, buffer.data(), std::min(HashChunk, size - offset));
                if (!n || *n == 0) {
                    std::lock_guard lock(mutex);
                    report.unreadable.append(blob.digest.toString() + QStringLiteral(": ")
                        + (n ? QStringLiteral("ended early") : n.error().message()));
                    failed = true;
                    break;
                }
                hasher.update(buffer.constData(), size_t(*n));
                offset += *n;
                done += *n;
            }
            const Digest actual = hasher.finish();
            if (failed || cancelled)
                continue;
            std::lock_guard lock(mutex);
            report.blobsChecked += 1;
            report.bytesChecked += size;
            if (!(actual == blob.digest))
                report.mismatched.append(blob.digest.toString() + QStringLiteral(" hashes to ") + actual.toString());
        }
        ++finishedWorkers;
    };
    const int threads = qBound(1, int(std::thread::hardware_concurrency()), 8);
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i)
        pool.emplace_back(worker);
    while (progress && finishedWorkers.load() < threads) {
        if (!progress(done.load(), totalBytes)) {
            cancelled = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (std::thread& thread : pool)
        thread.join();
    if (cancelled)
        return Error(ErrorCode::Cancelled, QStringLiteral("verify cancelled"));
    if (progress)
        progress(totalBytes, totalBytes);

    QSet<QString> stored;
    for (const BlobInfo& blob : std::as_const(blobs))
        stored.insert(blob.digest.toString());
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db, QStringLiteral("SELECT DISTINCT digest FROM images WHERE uploaded = 1 ORDER BY digest"));
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const QString digest = rows->value(0).toString();
        if (!stored.contains(digest))
            report.missing.append(digest);
    }
    m_context.audit->record(actor, QStringLiteral("storage.verify"), QStringLiteral("storage"), m_context.store->describe(),
        report.ok() ? QStringLiteral("ok") : QStringLiteral("failed"),
        QStringLiteral("%1 blobs, %2 bytes; %3 mismatched, %4 missing, %5 unreadable")
            .arg(report.blobsChecked)
            .arg(report.bytesChecked)
            .arg(report.mismatched.size())
            .arg(report.missing.size())
            .arg(report.unreadable.size()));
    return report;
}

Result<StorageUsage> MaintenanceService::usage(const Actor& actor)
{
    if (!Permissions::allows(actor, Action::Maintenance))
        return denied(actor);
    StorageUsage usage;
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db,
        QStringLiteral("SELECT c.name, c.quota_bytes, "
                       "(SELECT COUNT(*) FROM images i JOIN containers k ON k.id = i.container_id "
                       " WHERE k.collection_id = c.id AND i.uploaded = 1), "
                       "(SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN (SELECT i.digest FROM images i "
                       " JOIN containers k ON k.id = i.container_id WHERE k.collection_id = c.id AND i.uploaded = 1)) "
                       "FROM collections c ORDER BY 4 DESC, c.name"));
    if (!rows)
        return rows.error();
    while (rows->next()) {
        CollectionUsage collection;
        collection.collection = rows->value(0).toString();
        if (!rows->value(1).isNull())
            collection.quotaBytes = rows->value(1).toLongLong();
        collection.images = rows->value(2).toLongLong();
        collection.bytes = rows->value(3).toLongLong();
        usage.collections.append(collection);
    }
    rows->finish();
    Result<std::optional<QVariant>> referenced = sqlScalar(db,
        QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM blobs WHERE digest IN (SELECT digest FROM images WHERE uploaded = 1)"));
    if (!referenced)
        return referenced.error();
    usage.referencedBytes = *referenced ? (*referenced)->toLongLong() : 0;
    Result<QSet<QString>> live = referencedDigests(db);
    if (!live)
        return live.error();
    Status enumerated = m_context.store->enumerate([&](const BlobInfo& blob) {
        usage.storedBytes += blob.size;
        if (!live->contains(blob.digest.toString()))
            usage.reclaimableBytes += blob.size;
        return true;
    });
    if (!enumerated)
        return enumerated.error();
    return usage;
}

} // namespace sreg
