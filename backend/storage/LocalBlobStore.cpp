#include "LocalBlobStore.h"

#include "LocalBlobWriter.h"
#include "Posix.h"
#include "common/FileByteSource.h"

#include <QDir>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace sreg {
namespace {

Status checkDigest(const Digest& digest)
{
    if (digest.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no digest given"));
    return {};
}

Error blobNotFound(const Digest& digest)
{
    return Error(ErrorCode::NotFound, QStringLiteral("blob %1 is not in the store").arg(digest.toString()));
}

bool ownerIsGone(const LocalBlobLayout::TempOwner& owner)
{
    // Only a pid of this host and pid namespace can be checked; EPERM means alive but someone else's.
    return owner.hostTag == LocalBlobLayout::hostTag() && ::kill(pid_t(owner.pid), 0) != 0 && errno == ESRCH;
}

} // namespace

LocalBlobStore::LocalBlobStore(LocalBlobLayout layout) : m_layout(std::move(layout)), m_uploads(m_layout) { }

Result<std::unique_ptr<LocalBlobStore>> LocalBlobStore::open(const QString& root)
{
    if (root.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no folder given for the blob store"));
    LocalBlobLayout layout(QDir::cleanPath(QDir(root).absolutePath()));
    for (const QString& dir : { layout.root(), layout.tmpDir(), layout.blobsDir(), layout.uploadsDir() }) {
        if (Status made = Posix::makeDirectories(dir); !made)
            return made.error().prefixed(QStringLiteral("cannot open the blob store"));
    }
    // Publishing is a rename: a tmp/ or uploads/ mounted (or linked) elsewhere would break it on every write.
    const QString dirs[] = { layout.tmpDir(), layout.blobsDir(), layout.uploadsDir() };
    dev_t device = 0;
    for (const QString& dir : dirs) {
        struct stat info
        {
        };
        if (::stat(Posix::native(dir).constData(), &info) != 0)
            return Posix::ioError(QStringLiteral("cannot examine"), dir, errno);
        if (dir != dirs[0] && info.st_dev != device)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 and %2 are on different file systems").arg(dirs[0], dir));
        device = info.st_dev;
    }
    if (::access(Posix::native(layout.tmpDir()).constData(), W_OK) != 0)
        return Posix::ioError(QStringLiteral("cannot write to"), layout.tmpDir(), errno);
    return std::unique_ptr<LocalBlobStore>(new LocalBlobStore(std::move(layout)));
}

QString LocalBlobStore::describe() const
{
    return QStringLiteral("local folder %1").arg(m_layout.root());
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::beginWrite(const BlobWriteOptions& options)
{
    if (options.expectedDigest && options.expectedDigest->isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the expected digest is empty"));
    LocalBlobLayout layout = m_layout;
    auto publishBlob = [layout](const QString& stagedPath, const Digest& digest, qint64) {
        return publish(layout, stagedPath, digest);
    };
    Result<std::unique_ptr<LocalBlobWriter>> writer
        = LocalBlobWriter::create(m_layout.newTempPath(), options, std::move(publishBlob));
    if (!writer)
        return writer.error();
    return std::unique_ptr<BlobWriter>(std::move(*writer));
}

Status LocalBlobStore::publish(const LocalBlobLayout& layout, const QString& stagedPath, const Digest& digest)
{
    const QString dir = layout.blobDir(digest);
    Result<bool> made = Posix::makeDirectory(dir);
    if (!made)
        return made.error();
    if (*made) {
        if (Status synced = Posix::syncDirectory(layout.blobsDir()); !synced)
            return synced;
    }
    const QString target = layout.blobPath(digest);
    const QByteArray from = Posix::native(stagedPath);
    const QByteArray to = Posix::native(target);
    // NOREPLACE: a blob that is already there is never touched, not even by identical bytes, so a reader
    // streaming it keeps a stable file.
    if (::renameat2(AT_FDCWD, from.constData(), AT_FDCWD, to.constData(), RENAME_NOREPLACE) != 0) {
        if (errno == EEXIST)
            return Posix::removeFile(stagedPath);
        if (errno != EINVAL && errno != ENOSYS)
            return Posix::ioError(QStringLiteral("cannot publish"), target, errno);
        // The file system lacks NOREPLACE; replacing a blob by the same bytes is harmless.
        if (::rename(from.constData(), to.constData()) != 0)
            return Posix::ioError(QStringLiteral("cannot publish"), target, errno);
    }
    return Posix::syncDirectory(dir);
}

Result<std::unique_ptr<ByteSource>> LocalBlobStore::openRead(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<std::unique_ptr<FileByteSource>> source = FileByteSource::open(m_layout.blobPath(digest));
    if (!source)
        return source.error().code() == ErrorCode::NotFound ? blobNotFound(digest) : source.error();
    return std::unique_ptr<ByteSource>(std::move(*source));
}

Result<bool> LocalBlobStore::exists(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<struct stat> info = Posix::status(m_layout.blobPath(digest));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? Result<bool>(false) : Result<bool>(info.error());
    return S_ISREG(info->st_mode);
}

Result<qint64> LocalBlobStore::size(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<struct stat> info = Posix::status(m_layout.blobPath(digest));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? blobNotFound(digest) : info.error();
    if (!S_ISREG(info->st_mode))
        return blobNotFound(digest);
    return qint64(info->st_size);
}

Status LocalBlobStore::remove(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked;
    // The shard folder stays even when empty: removing it could race with a commit renaming into it.
    return Posix::removeFile(m_layout.blobPath(digest));
}

Status LocalBlobStore::enumerate(const std::function<bool(const BlobInfo&)>& visit)
{
    Result<QStringList> shards = Posix::listDirectory(m_layout.blobsDir());
    if (!shards)
        return shards.error();
    for (const QString& shard : *shards) {
        if (!LocalBlobLayout::isShardName(shard))
            continue;
        const QString shardDir = m_layout.blobsDir() + u'/' + shard;
        Result<QStringList> names = Posix::listDirectory(shardDir);
        if (!names) {
            if (names.error().code() == ErrorCode::NotFound)
                continue;
            return names.error();
        }
        for (const QString& name : *names) {
            const std::optional<Digest> digest = LocalBlobLayout::parseBlobFileName(shard, name);
            if (!digest)
                continue;
            Result<struct stat> info = Posix::status(shardDir + u'/' + name);
            if (!info) {
                if (info.error().code() == ErrorCode::NotFound) // removed while we walk: fine
                    continue;
                return info.error();
            }
            if (!S_ISREG(info->st_mode))
                continue;
            if (!visit(BlobInfo { *digest, qint64(info->st_size) }))
                return {};
        }
    }
    return {};
}

Result<QString> LocalBlobStore::createMultipart(const BlobWriteOptions& options)
{
    if (options.expectedDigest && options.expectedDigest->isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the expected digest is empty"));
    return m_uploads.create(options);
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::beginPart(const QString& uploadId, int partNumber)
{
    return m_uploads.beginPart(uploadId, partNumber);
}

Result<QList<BlobPart>> LocalBlobStore::listParts(const QString& uploadId)
{
    return m_uploads.listParts(uploadId);
}

Result<std::unique_ptr<BlobWriter>> LocalBlobStore::completeMultipart(const QString& uploadId,
                                                                      const QList<BlobPart>& parts)
{
    return m_uploads.complete(uploadId, parts);
}

Status LocalBlobStore::abortMultipart(const QString& uploadId)
{
    return m_uploads.abort(uploadId);
}

Status LocalBlobStore::cleanupStale(std::chrono::seconds maxAge)
{
    if (maxAge.count() < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative age"));
    Status temporary = cleanupTemporaryFiles(maxAge);
    Status uploads = m_uploads.cleanupStale(maxAge);
    return temporary ? uploads : temporary;
}

Status LocalBlobStore::cleanupTemporaryFiles(std::chrono::seconds maxAge)
{
    Result<QStringList> names = Posix::listDirectory(m_layout.tmpDir());
    if (!names)
        return names.error();
    const std::time_t cutoff = std::time(nullptr) - std::time_t(maxAge.count());
    Status result;
    for (const QString& name : *names) {
        const QString path = m_layout.tmpDir() + u'/' + name;
        Result<struct stat> info = Posix::status(path);
        if (!info || S_ISDIR(info->st_mode))
            continue;
        const std::optional<LocalBlobLayout::TempOwner> owner = LocalBlobLayout::parseTempFileName(name);
        // Anything in tmp/ is ours; files of a live writer are touched on every write, so only an abandoned one
        // (or one whose writer is certainly gone) ages past maxAge.
        const bool old = info->st_mtim.tv_sec < cutoff;
        if (!old && !(owner && ownerIsGone(*owner)))
            continue;
        if (Status removed = Posix::removeFile(path); !removed && result)
            result = removed;
    }
    return result;
}

} // namespace sreg
