#include "BlobMigration.h"

#include "ByteSourceHasher.h"
#include "StorageSecrets.h"

#include <QFile>
#include <QFileInfo>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace sreg {
namespace {

constexpr qint64 Slice = 8 * 1024 * 1024;
const QByteArray JournalMagic = "sregistry-storage-migration 1 ";

Error cancelled()
{
    return Error(ErrorCode::Cancelled, QStringLiteral("the migration was stopped; run it again to resume"));
}

} // namespace

BlobMigration::BlobMigration(QString dataDir, BlobStore& source, BlobStore& target, StorageConfig targetConfig,
                             QString targetConfigPath)
    : m_dataDir(std::move(dataDir))
    , m_source(source)
    , m_target(target)
    , m_targetConfig(std::move(targetConfig))
    , m_targetConfigPath(std::move(targetConfigPath))
{
}

QString BlobMigration::journalPath(const QString& dataDir)
{
    return dataDir + QStringLiteral("/storage-migration.journal");
}

bool BlobMigration::tell()
{
    return !m_options.progress || m_options.progress(m_progress);
}

Result<QSet<QString>> BlobMigration::loadJournal()
{
    // The journal belongs to one target: a journal of another target says nothing about this one.
    const QByteArray header = JournalMagic + m_targetConfig.location(m_dataDir).toUtf8() + '\n';
    const QString path = journalPath(m_dataDir);
    QFile file(path);
    QSet<QString> done;
    if (file.open(QIODevice::ReadOnly) && file.readLine() == header) {
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            const QList<QByteArray> fields = line.trimmed().split(' ');
            // A line cut by a crash lacks its newline or a field: ignored, that blob is simply checked again.
            if (line.endsWith('\n') && fields.size() == 2 && Digest::fromHex(QString::fromLatin1(fields[0])))
                done.insert(QString::fromLatin1(fields[0]));
        }
        return done;
    }
    file.close();
    QFile fresh(path);
    if (!fresh.open(QIODevice::WriteOnly | QIODevice::Truncate) || fresh.write(header) != header.size()
        || !fresh.flush())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, fresh.errorString()));
    ::fsync(fresh.handle());
    return done;
}

Status BlobMigration::record(const BlobInfo& blob)
{
    const QString path = journalPath(m_dataDir);
    QFile file(path);
    const QByteArray line = blob.digest.hex().toLatin1() + ' ' + QByteArray::number(blob.size) + '\n';
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(line) != line.size() || !file.flush())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (::fsync(file.handle()) != 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot sync %1").arg(path));
    m_done.insert(blob.digest.hex());
    return {};
}

Result<Digest> BlobMigration::hashTargetCopy(const BlobInfo& blob)
{
    Result<std::unique_ptr<ByteSource>> copy = m_target.openRead(blob.digest);
    if (!copy)
        return copy.error();
    if ((*copy)->size() != blob.size)
        return Error(ErrorCode::SizeMismatch,
                     QStringLiteral("the copy of %1 has %2 bytes, not %3")
                         .arg(blob.digest.toString())
                         .arg((*copy)->size())
                         .arg(blob.size));
    const qint64 base = m_progress.bytesDone;
    return ByteSourceHasher::hash(**copy, [&](qint64 done, qint64) {
        m_progress.bytesDone = base + done / 2; // reading back is the second half of a blob's work
        return tell();
    });
}

Status BlobMigration::copy(const BlobInfo& blob)
{
    Result<std::unique_ptr<ByteSource>> source = m_source.openRead(blob.digest);
    if (!source)
        return source.error();
    BlobWriteOptions options;
    options.expectedDigest = blob.digest; // the target checks every byte against the digest as it arrives
    options.expectedSize = (*source)->size();
    Result<std::unique_ptr<BlobWriter>> writer = m_target.beginWrite(options);
    if (!writer)
        return writer.error();
    std::vector<char> buffer(size_t(std::min<qint64>(Slice, std::max<qint64>(options.expectedSize, 1))));
    const qint64 base = m_progress.bytesDone;
    const qint64 share = m_options.readBack ? 2 : 1;
    for (qint64 offset = 0; offset < options.expectedSize;) {
        Result<qint64> n = (*source)->readAt(offset, buffer.data(),
                                             std::min<qint64>(qint64(buffer.size()), options.expectedSize - offset));
        if (!n)
            return n.error();
        if (*n <= 0)
            return Error(ErrorCode::Io, QStringLiteral("%1 ended early in the old store").arg(blob.digest.toString()));
        if (Status written = (*writer)->write(buffer.data(), *n); !written)
            return written;
        offset += *n;
        m_progress.bytesDone = base + offset / share;
        if (!tell())
            return cancelled(); // the writer aborts as it goes
    }
    if (Result<Digest> finished = (*writer)->finish(); !finished)
        return finished.error();
    return (*writer)->commit();
}

Status BlobMigration::migrate(const BlobInfo& blob, Report& report)
{
    const qint64 start = m_progress.bytesDone;
    Result<bool> present = m_target.exists(blob.digest);
    if (!present)
        return present.error();
    bool copied = false;
    if (!*present) {
        if (Status done = copy(blob); !done)
            return done.error().prefixed(QStringLiteral("copying %1").arg(blob.digest.toString()));
        copied = true;
    }
    if (m_options.readBack || !copied) {
        // A blob found in the target (an earlier, interrupted run) is always checked before it counts.
        m_progress.phase = QStringLiteral("verifying");
        Result<Digest> digest = hashTargetCopy(blob);
        if (!digest && digest.error().code() == ErrorCode::Cancelled)
            return cancelled();
        if (!digest || *digest != blob.digest) {
            // A damaged copy goes, and the blob is copied again.
            if (Status removed = m_target.remove(blob.digest); !removed)
                return removed;
            if (copied)
                return Error(ErrorCode::DigestMismatch,
                             QStringLiteral("the target returned other bytes for %1 than were written")
                                 .arg(blob.digest.toString()));
            m_progress.bytesDone = start;
            return migrate(blob, report);
        }
        m_progress.phase = QStringLiteral("copying");
    }
    if (Status recorded = record(blob); !recorded)
        return recorded;
    if (copied) {
        ++report.copied;
        report.bytesCopied += blob.size;
    } else {
        ++report.alreadyThere;
    }
    m_progress.bytesDone = start + blob.size;
    return {};
}

Status BlobMigration::switchOver()
{
    StorageConfig config = m_targetConfig;
    // The settings move into the data folder: a secrets file named relative to where they came from must
    // still be found from there.
    if (!m_targetConfigPath.isEmpty()) {
        const QString secrets = StorageSecrets::secretsFilePath(m_targetConfig, m_targetConfigPath);
        if (!secrets.isEmpty() && QFileInfo::exists(secrets))
            config.secretsFile = QFileInfo(secrets).absoluteFilePath();
    }
    const QString path = StorageConfig::pathIn(m_dataDir);
    const QString previous = path + QStringLiteral(".previous");
    if (QFileInfo::exists(path)) {
        QFile::remove(previous);
        if (!QFile::copy(path, previous))
            return Error(ErrorCode::Io, QStringLiteral("cannot keep the old settings as %1").arg(previous));
    }
    return config.save(path);
}

Result<BlobMigration::Report> BlobMigration::run(const Options& options)
{
    m_options = options;
    m_progress = Progress();
    Report report;
    Result<QSet<QString>> journal = loadJournal();
    if (!journal)
        return journal.error();
    m_done = *journal;

    // Until nothing new turns up: pushes that arrived while we copied are copied too.
    QSet<QString> seen;
    for (int pass = 0;; ++pass) {
        m_progress.phase = QStringLiteral("listing");
        if (!tell())
            return cancelled();
        QList<BlobInfo> pending;
        Status listed = m_source.enumerate([&](const BlobInfo& blob) {
            const QString hex = blob.digest.hex();
            if (!seen.contains(hex)) {
                seen.insert(hex);
                m_progress.bytesTotal += blob.size;
                if (m_done.contains(hex))
                    m_progress.bytesDone += blob.size;
                else
                    pending.append(blob);
            }
            return true;
        });
        if (!listed)
            return listed.error().prefixed(QStringLiteral("listing the current store"));
        m_progress.blobsTotal = int(seen.size());
        m_progress.blobsDone = m_progress.blobsTotal - int(pending.size());
        if (pending.isEmpty())
            break;
        m_progress.phase = QStringLiteral("copying");
        for (const BlobInfo& blob : std::as_const(pending)) {
            if (!tell())
                return cancelled();
            if (Status moved = migrate(blob, report); !moved)
                return moved.error();
            ++m_progress.blobsDone;
        }
        if (pass > 100)
            return Error(ErrorCode::Unavailable, QStringLiteral("blobs keep arriving; stop the server and run again"));
    }
    report.blobs = int(seen.size());
    if (m_options.requiredDigests) {
        Result<QSet<QString>> required = m_options.requiredDigests();
        if (!required)
            return required.error();
        QStringList missing;
        for (const QString& text : *required) {
            const std::optional<Digest> digest = Digest::fromString(text);
            if (digest && !m_done.contains(digest->hex()))
                missing.append(text);
        }
        if (!missing.isEmpty())
            return Error(ErrorCode::NotFound,
                         QStringLiteral("%1 blob(s) the registry references are not in the current store (%2%3); "
                                        "nothing was switched (`verify` tells which images are affected)")
                             .arg(missing.size())
                             .arg(missing.first(), missing.size() > 1 ? QStringLiteral(", ...") : QString()));
    }
    if (!m_options.switchOver)
        return report;

    m_progress.phase = QStringLiteral("switching");
    tell();
    if (Status switched = switchOver(); !switched)
        return switched.error();
    report.switched = true;
    if (m_options.removeOld) {
        m_progress.phase = QStringLiteral("removing old copies");
        m_progress.blobsDone = 0;
        for (const QString& hex : std::as_const(m_done)) {
            const std::optional<Digest> digest = Digest::fromHex(hex);
            if (!digest)
                continue;
            if (Status removed = m_source.remove(*digest); !removed)
                return removed.error().prefixed(QStringLiteral("the switch is done, but removing old copies failed"));
            ++report.removed;
            ++m_progress.blobsDone;
            tell(); // too late to stop half-way: the rest would only cost space
        }
    }
    QFile::remove(journalPath(m_dataDir));
    return report;
}

} // namespace sreg
