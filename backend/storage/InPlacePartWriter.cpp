#include "InPlacePartWriter.h"

#include "Posix.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace sreg {
namespace {

// The part's bytes in the data file, for whoever inspects a staged part.
class PartBytes final : public ByteSource
{
public:
    PartBytes(int fd, qint64 offset, qint64 length, QString path)
        : m_fd(fd), m_offset(offset), m_length(length), m_path(std::move(path))
    {
    }
    qint64 size() const override { return m_length; }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override
    {
        if (offset < 0 || length < 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
        length = std::min(length, std::max<qint64>(0, m_length - offset));
        if (length == 0)
            return qint64(0);
        if (Status read = Posix::preadAll(m_fd, buffer, size_t(length), off_t(m_offset + offset), m_path); !read)
            return read.error();
        return length;
    }

private:
    int m_fd;
    qint64 m_offset;
    qint64 m_length;
    QString m_path;
};

} // namespace

Result<std::unique_ptr<InPlacePartWriter>> InPlacePartWriter::create(const QString& dataPath, qint64 offset,
                                                                     qint64 length, Commit commit)
{
    if (offset < 0 || length <= 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid part range"));
    // O_RDWR: staged() reads the part back through the same descriptor.
    Result<int> fd = Posix::open(dataPath, O_RDWR);
    if (!fd)
        return fd.error();
    return std::unique_ptr<InPlacePartWriter>(new InPlacePartWriter(dataPath, *fd, offset, length, std::move(commit)));
}

InPlacePartWriter::InPlacePartWriter(QString dataPath, int fd, qint64 offset, qint64 length, Commit commit)
    : m_dataPath(std::move(dataPath)), m_fd(fd), m_offset(offset), m_length(length), m_commit(std::move(commit))
{
}

InPlacePartWriter::~InPlacePartWriter()
{
    m_staged.reset();
    if (m_fd >= 0)
        Posix::close(m_fd);
}

Error InPlacePartWriter::fail(const Error& error)
{
    m_state = State::Done;
    return error;
}

Status InPlacePartWriter::write(const char* data, qint64 size)
{
    if (m_state != State::Writing)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("this part is no longer being written"));
    if (size < 0 || (size > 0 && !data))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid buffer"));
    // More than the part's length would overwrite the next part: refuse the first byte too many.
    if (size > m_length - m_written)
        return fail(Error(ErrorCode::SizeMismatch,
                          QStringLiteral("this part holds %1 bytes; more arrived").arg(m_length)));
    m_written += size;
    while (size > 0) {
        if (!m_buffer)
            m_buffer = std::make_unique<char[]>(BufferSize);
        const size_t n = std::min(size_t(size), BufferSize - m_buffered);
        std::memcpy(m_buffer.get() + m_buffered, data, n);
        m_buffered += n;
        data += n;
        size -= qint64(n);
        if (m_buffered == BufferSize) {
            if (Status flushed = flush(); !flushed)
                return fail(flushed.error());
        }
    }
    return {};
}

Status InPlacePartWriter::flush()
{
    if (m_buffered == 0)
        return {};
    // Hash on the helper thread while the same bytes go to the file.
    m_hasher.start(m_buffer.get(), m_buffered);
    const Status written
        = Posix::pwriteAll(m_fd, m_buffer.get(), m_buffered, off_t(m_offset + m_flushed), m_dataPath);
    m_hasher.wait();
    if (!written)
        return written;
    // Start writeback now rather than leave the whole part to finish()'s fdatasync.
    (void)::sync_file_range(m_fd, off_t(m_offset + m_flushed), off_t(m_buffered), SYNC_FILE_RANGE_WRITE);
    m_flushed += qint64(m_buffered);
    m_buffered = 0;
    return {};
}

Result<Digest> InPlacePartWriter::finish()
{
    if (m_state == State::Finished)
        return m_digest;
    if (m_state != State::Writing)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("this part is no longer being written"));
    if (Status flushed = flush(); !flushed)
        return fail(flushed.error());
    if (m_written != m_length)
        return fail(Error(ErrorCode::SizeMismatch,
                          QStringLiteral("this part holds %1 bytes, %2 arrived").arg(m_length).arg(m_written)));
    if (Status synced = Posix::syncData(m_fd, m_dataPath); !synced)
        return fail(synced.error());
    m_digest = m_hasher.finish();
    m_state = State::Finished;
    return m_digest;
}

ByteSource& InPlacePartWriter::staged()
{
    if (!m_staged)
        m_staged = std::make_unique<PartBytes>(m_fd, m_offset, m_state == State::Finished ? m_length : 0, m_dataPath);
    return *m_staged;
}

Status InPlacePartWriter::commit()
{
    if (m_state != State::Finished)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("finish the part before committing it"));
    m_state = State::Done;
    return m_commit(m_digest);
}

void InPlacePartWriter::abort()
{
    m_state = State::Done; // the bytes stay in the data file, unlisted, until the part is sent again
}

} // namespace sreg
