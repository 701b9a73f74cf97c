#pragma once

#include "Actor.h"
#include "ImageService.h"
#include "common/Result.h"
#include "storage/BlobStore.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sreg {

struct RegistryContext;

struct GcReport
{
    bool dryRun = true;
    QList<BlobInfo> blobs; // unreferenced blobs (removed unless dryRun)
    qint64 bytes = 0;
    int abandonedUploads = 0; // images announced but never uploaded, older than a day
    QStringList errors;
};

struct VerifyReport
{
    qint64 blobsChecked = 0;
    qint64 bytesChecked = 0;
    QStringList mismatched; // blob bytes no longer hash to their digest
    QStringList missing; // recorded images whose blob is gone
    QStringList unreadable;
    bool ok() const { return mismatched.isEmpty() && missing.isEmpty() && unreadable.isEmpty(); }
};

struct CollectionUsage
{
    QString collection;
    qint64 bytes = 0;
    qint64 images = 0;
    std::optional<qint64> quotaBytes;
};

struct StorageUsage
{
    QList<CollectionUsage> collections;
    qint64 referencedBytes = 0; // distinct blobs referenced by some image
    qint64 storedBytes = 0; // everything in the blob store
    qint64 reclaimableBytes = 0; // what GC would free
};

// Garbage collection, verification, storage usage, and recovery after an interrupted process.
class MaintenanceService final
{
public:
    explicit MaintenanceService(RegistryContext& context);

    Result<GcReport> collectGarbage(const Actor& actor, bool dryRun);
    // Re-hashes every stored blob (several in parallel) and checks every recorded image has its blob.
    Result<VerifyReport> verify(const Actor& actor, const ProgressCallback& progress = {});
    Result<StorageUsage> usage(const Actor& actor);

    // Run at open: removes blobs that a dead process committed but never recorded, and stale staging files.
    Status recoverInterrupted();
    // Removes digest from the store if no image references it and no live push holds it. Safe against
    // concurrent pushes of the same bytes (decided under the database's write lock).
    Status dropIfUnreferenced(const QString& digest);

private:
    RegistryContext& m_context;
};

} // namespace sreg
