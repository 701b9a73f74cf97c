#pragma once

#include "BlobStore.h"
#include "StorageConfig.h"

#include <QSet>
#include <QString>
#include <functional>

namespace sreg {

// Moves a registry's blobs to another storage backend (`sregistry-server migrate-storage --to CONFIG`, and the
// GUI's Storage page):
//   1. copy every blob of the current store that the target does not hold yet, each checked by its digest while
//      it is written and, unless told otherwise, read back from the target and hashed again;
//   2. copy, again, whatever was pushed meanwhile, and check that every blob the registry references is there;
//   3. switch: the target's settings become <data>/storage.json (the old ones are kept as storage.json.previous);
//   4. optionally remove the old copies.
// Safe to interrupt at any moment and resumable by running it again: the source is never changed before the
// switch, a blob counts as moved only once its check passed and a line in <data>/storage-migration.journal
// (synced to disk) says so, and the switch is one atomic rename. A copy cut short is an unfinished upload that
// the target's cleanupStale removes.
//
// A server still running on the registry keeps writing to the old store until it restarts: stop it before the
// switch (or copy with switchOver off while it runs, then stop it and run again, which copies only the rest).
class BlobMigration final
{
public:
    struct Progress
    {
        QString phase; // "listing", "copying", "verifying", "switching", "removing old copies"
        int blobsDone = 0;
        int blobsTotal = 0;
        qint64 bytesDone = 0;
        qint64 bytesTotal = 0;
    };

    struct Options
    {
        bool readBack = true; // hash each copy again as the target returns it
        bool switchOver = true; // make the target the registry's storage
        bool removeOld = false; // after the switch, remove the blobs from the old store
        // The digests ("sha256.<hex>") the registry's metadata references: each must reach the target.
        std::function<Result<QSet<QString>>()> requiredDigests;
        // Told about progress; returning false stops the migration (ErrorCode::Cancelled; run again to resume).
        std::function<bool(const Progress&)> progress;
    };

    struct Report
    {
        int blobs = 0; // in the source
        int copied = 0;
        int alreadyThere = 0; // found in the target (from an earlier run), checked, kept
        int removed = 0;
        qint64 bytesCopied = 0;
        bool switched = false;
    };

    // targetConfigPath: where the target's settings came from (its secretsFile is made absolute on switching).
    BlobMigration(QString dataDir, BlobStore& source, BlobStore& target, StorageConfig targetConfig,
                  QString targetConfigPath);

    Result<Report> run(const Options& options);

    static QString journalPath(const QString& dataDir);

private:
    Result<QSet<QString>> loadJournal();
    Status record(const BlobInfo& blob);
    Status migrate(const BlobInfo& blob, Report& report);
    Result<Digest> hashTargetCopy(const BlobInfo& blob);
    Status copy(const BlobInfo& blob);
    Status switchOver();
    bool tell();

    QString m_dataDir;
    BlobStore& m_source;
    BlobStore& m_target;
    StorageConfig m_targetConfig;
    QString m_targetConfigPath;
    Options m_options;
    Progress m_progress;
    QSet<QString> m_done; // hex digests the journal holds
};

} // namespace sreg
