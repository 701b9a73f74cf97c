#include "LocalBlobWriter.h"

#include "Posix.h"
#include "common/FileByteSource.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sreg {
namespace {

// A write never sits on more than this much unsubmitted dirty data: asking the kernel to start writing back
// every few tens of MiB keeps the disk busy while we are still receiving, instead of leaving a whole image
// in the page cache for the final fdatasync to push out (cp + sync has that stall; we overlap it).
constexpr qint64 WritebackWindow = 32 * 1024 * 1024;
// Pieces of a large direct write: bounds how long the hasher and the writer wait for each other.
constexpr size_t MaxPiece = 16 * 1024 * 1024;

} // namespace

LocalBlobWriter::LocalBlobWriter(QString tempPath, int fd, const BlobWriteOptions& options, Publish publish)
    : m_tempPath(std::move(tempPath)), m_fd(fd), m_options(options), m_publish(std::move(publish))
{
}

LocalBlobWriter::~LocalBlobWriter()
{
    abort();
}

Result<std::unique_ptr<LocalBlobWriter>> LocalBlobWriter::create(const QString& tempPath,
                                                                 const BlobWriteOptions& options, Publish publish)
{
    Result<int> fd = Posix::open(tempPath, O_RDWR | O_CREAT | O_EXCL, 0644);
    if (!fd)
        return fd.error().code() == ErrorCode::NotFound
            ? Error(ErrorCode::Io, QStringLiteral("cannot create %1: its folder is missing").arg(tempPath))
            : fd.error();
    std::unique_ptr<LocalBlobWriter> writer(new LocalBlobWriter(tempPath, *fd, options, std::move(publish)));
    const bool sizeKnown = options.expectedSize > 0 && (options.maxSize < 0 || options.expectedSize <= options.maxSize);
    if (sizeKnown) {
        // Reserving the announced size up front keeps the file in few extents and turns a full disk into an
        // immediate, clear refusal instead of a failure after gigabytes. KEEP_SIZE: a short upload must not
        // look complete. File systems without fallocate simply skip this.
        if (::fallocate(*fd, FALLOC_FL_KEEP_SIZE, 0, off_t(options.expectedSize)) != 0 && errno == ENOSPC)
            return writer->fail(
                Error(ErrorCode::Io,
                      QStringLiteral("not enough space for %1 bytes in %2").arg(options.expectedSize).arg(tempPath)));
    }
    return writer;
}

Result<std::unique_ptr<LocalBlobWriter>>
LocalBlobWriter::adoptFinished(const QString& tempPath, int fd, const Digest& digest, qint64 size, Publish publish)
{
    std::unique_ptr<LocalBlobWriter> writer(new LocalBlobWriter(tempPath, fd, BlobWriteOptions(), std::move(publish)));
    writer->m_written = size;
    writer->m_flushed = size;
    writer->m_digest = digest;
    if (Status staged = writer->openStaged(); !staged)
        return writer->fail(staged.error());
    writer->m_state = State::Finished;
    return writer;
}

Error LocalBlobWriter::fail(const Error& error)
{
    abort();
    m_failure = error;
    return error;
}

Error LocalBlobWriter::notWriting() const
{
    if (m_failure)
        return Error(m_failure->code(), QStringLiteral("the write failed earlier: ") + m_failure->message());
    switch (m_state) {
    case State::Finished:
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the blob is already finished"));
    case State::Committed:
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the blob is already committed"));
    case State::Writing:
    case State::Closed:
        break;
    }
    return Error(ErrorCode::Cancelled, QStringLiteral("the write was aborted"));
}

Status LocalBlobWriter::write(const char* data, qint64 size)
{
    if (m_state != State::Writing)
        return notWriting();
    if (size < 0 || (size > 0 && !data))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid buffer"));
    if (Status admitted = admit(size); !admitted)
        return admitted;
    m_written += size;
    size_t left = size_t(size);
    while (left > 0) {
        if (m_buffered == 0 && left >= DirectSize)
            return writeOut(data, left);
        if (!m_buffer)
            m_buffer = std::make_unique<char[]>(BufferSize);
        const size_t n = std::min(left, BufferSize - m_buffered);
        std::memcpy(m_buffer.get() + m_buffered, data, n);
        m_buffered += n;
        data += n;
        left -= n;
        if (m_buffered == BufferSize) {
            if (Status flushed = flushBuffer(); !flushed)
                return flushed;
        }
    }
    return {};
}

Status LocalBlobWriter::admit(qint64 size)
{
    if (m_options.maxSize >= 0 && size > m_options.maxSize - m_written)
        return fail(Error(ErrorCode::TooLarge,
                          QStringLiteral("the blob is larger than the limit of %1 bytes").arg(m_options.maxSize)));
    // More bytes than announced can never end well; refusing now saves receiving the rest.
    if (m_options.expectedSize >= 0 && size > m_options.expectedSize - m_written)
        return fail(Error(ErrorCode::SizeMismatch,
                          QStringLiteral("received more than the %1 bytes announced").arg(m_options.expectedSize)));
    return {};
}

Status LocalBlobWriter::writeFrom(ByteSource& source, qint64 offset, qint64 length,
                                  const std::function<bool(qint64)>& progress)
{
    auto* file = dynamic_cast<FileByteSource*>(&source);
    if (!file || m_state != State::Writing || offset < 0 || length < 0 || offset > file->size() - length)
        return BlobWriter::writeFrom(source, offset, length, progress);
    if (Status admitted = admit(length); !admitted)
        return admitted;
    if (Status flushed = flushBuffer(); !flushed)
        return flushed;
    // The digest is of the bytes we read, the copy is of the bytes the kernel reads: if the file changes in
    // between, they could differ. Its size and modification time before and after tell.
    struct stat before {};
    if (::fstat(file->fd(), &before) != 0)
        return fail(Posix::ioError(QStringLiteral("cannot stat"), file->path(), errno));
    std::unique_ptr<char[]> readBuffer = std::make_unique<char[]>(MaxPiece);
    for (qint64 done = 0; done < length;) {
        const size_t piece = size_t(std::min<qint64>(qint64(MaxPiece), length - done));
        Result<qint64> read = file->readAt(offset + done, readBuffer.get(), qint64(piece));
        if (!read)
            return fail(read.error());
        if (*read != qint64(piece))
            return fail(Error(ErrorCode::Io, QStringLiteral("%1 shrank while it was being stored").arg(file->path())));
        m_hasher.start(readBuffer.get(), piece);
        loff_t inOffset = offset + done;
        size_t left = piece;
        while (left > 0) {
            const ssize_t copied = ::copy_file_range(file->fd(), &inOffset, m_fd, nullptr, left, 0);
            if (copied < 0 && errno == EINTR)
                continue;
            if (copied <= 0) {
                const int error = copied < 0 ? errno : EIO;
                m_hasher.wait();
                // Filesystems that cannot (EXDEV, EOPNOTSUPP, EINVAL) take the portable path for the rest.
                if (done == 0 && left == piece && (error == EXDEV || error == EOPNOTSUPP || error == EINVAL || error == ENOSYS)) {
                    m_hasher.finish();
                    return BlobWriter::writeFrom(source, offset, length, progress);
                }
                return fail(Posix::ioError(QStringLiteral("cannot copy into"), m_tempPath, error));
            }
            left -= size_t(copied);
        }
        m_hasher.wait();
        m_written += qint64(piece);
        m_flushed += qint64(piece);
        done += qint64(piece);
        if (m_flushed - m_writebackStarted >= WritebackWindow)
            startWriteback();
        if (progress && !progress(done))
            return fail(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
    }
    struct stat after {};
    if (::fstat(file->fd(), &after) != 0)
        return fail(Posix::ioError(QStringLiteral("cannot stat"), file->path(), errno));
    if (after.st_size != before.st_size || after.st_mtim.tv_sec != before.st_mtim.tv_sec
        || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
        return fail(Error(ErrorCode::Io, QStringLiteral("%1 changed while it was being stored").arg(file->path())));
    return {};
}

Status LocalBlobWriter::flushBuffer()
{
    const size_t size = m_buffered;
    m_buffered = 0;
    return size > 0 ? writeOut(m_buffer.get(), size) : Status();
}

Status LocalBlobWriter::writeOut(const char* data, size_t size)
{
    while (size > 0) {
        const size_t piece = std::min(size, MaxPiece);
        m_hasher.start(data, piece);
        Status written = Posix::writeAll(m_fd, data, piece, m_tempPath);
        m_hasher.wait();
        if (!written)
            return fail(written.error());
        m_flushed += qint64(piece);
        data += piece;
        size -= piece;
        if (m_flushed - m_writebackStarted >= WritebackWindow)
            startWriteback();
    }
    return {};
}

void LocalBlobWriter::startWriteback()
{
#ifdef SYNC_FILE_RANGE_WRITE
    // Advisory only: a failure here shows up again, properly reported, in the fdatasync of finish().
    ::sync_file_range(m_fd, m_writebackStarted, m_flushed - m_writebackStarted, SYNC_FILE_RANGE_WRITE);
#endif
    m_writebackStarted = m_flushed;
}

Result<Digest> LocalBlobWriter::finish()
{
    if (m_state == State::Finished)
        return m_digest;
    if (m_state != State::Writing)
        return notWriting();
    if (Status flushed = flushBuffer(); !flushed)
        return flushed.error();
    m_digest = m_hasher.finish();
    if (m_options.expectedSize >= 0 && m_written != m_options.expectedSize)
        return fail(Error(
            ErrorCode::SizeMismatch,
            QStringLiteral("received %1 bytes, but %2 were announced").arg(m_written).arg(m_options.expectedSize)));
    if (m_options.expectedDigest && *m_options.expectedDigest != m_digest)
        return fail(Error(ErrorCode::DigestMismatch,
                          QStringLiteral("the bytes hash to %1, but %2 was announced")
                              .arg(m_digest.toString(), m_options.expectedDigest->toString())));
    // Published blobs are immutable; read-only files make an accidental overwrite by hand less likely.
    if (::fchmod(m_fd, 0444) != 0)
        return fail(Posix::ioError(QStringLiteral("cannot make read-only"), m_tempPath, errno));
    if (Status synced = Posix::syncData(m_fd, m_tempPath); !synced)
        return fail(synced.error());
    if (Status staged = openStaged(); !staged)
        return fail(staged.error());
    m_state = State::Finished;
    return m_digest;
}

Status LocalBlobWriter::openStaged()
{
    Result<std::unique_ptr<FileByteSource>> source = FileByteSource::open(m_tempPath);
    if (!source)
        return source.error();
    if ((*source)->size() != m_written)
        return Error(
            ErrorCode::Io,
            QStringLiteral("%1 holds %2 bytes, expected %3").arg(m_tempPath).arg((*source)->size()).arg(m_written));
    m_staged = std::move(*source);
    return {};
}

ByteSource& LocalBlobWriter::staged()
{
    if (m_staged)
        return *m_staged;
    return m_empty;
}

Status LocalBlobWriter::commit()
{
    if (m_state == State::Committed)
        return {};
    if (m_state != State::Finished)
        return m_state == State::Writing ? Error(ErrorCode::InvalidArgument, QStringLiteral("commit() before finish()"))
                                         : notWriting();
    if (Status published = m_publish(m_tempPath, m_digest, m_written); !published)
        return fail(published.error());
    Posix::close(m_fd);
    m_fd = -1;
    m_state = State::Committed;
    return {};
}

void LocalBlobWriter::abort()
{
    if (m_state == State::Committed || m_state == State::Closed)
        return;
    m_hasher.wait();
    Posix::close(m_fd);
    m_fd = -1;
    // Best effort by necessity (abort cannot report); a leftover is found again by cleanupStale.
    Status removed = Posix::removeFile(m_tempPath);
    if (!removed)
        qWarning("%s", qPrintable(removed.error().message()));
    m_state = State::Closed;
}

} // namespace sreg
