#include "RemoteStreamSource.h"

#include "ChunkPipe.h"
#include "RemoteImageFile.h"

#include <cstring>

namespace sreg::remote {

RemoteStreamSource::RemoteStreamSource(std::shared_ptr<RemoteImageFile> file)
    : m_file(std::move(file))
{
}

RemoteStreamSource::~RemoteStreamSource()
{
    stop();
}

qint64 RemoteStreamSource::size() const
{
    return m_file->size();
}

void RemoteStreamSource::cancel()
{
    m_cancelled = true;
    std::lock_guard lock(m_pipeMutex);
    if (m_stop)
        m_stop->store(true);
    if (m_pipe)
        m_pipe->cancel();
}

void RemoteStreamSource::stop()
{
    {
        std::lock_guard lock(m_pipeMutex);
        if (m_stop)
            m_stop->store(true);
        if (m_pipe)
            m_pipe->cancel();
    }
    if (m_producer.joinable())
        m_producer.join();
    std::lock_guard lock(m_pipeMutex);
    m_pipe.reset();
    m_stop.reset();
}

void RemoteStreamSource::restartAt(qint64 offset)
{
    stop();
    {
        std::lock_guard lock(m_pipeMutex);
        m_pipe = std::make_shared<ChunkPipe>(PipeChunks);
        m_stop = std::make_shared<std::atomic<bool>>(false);
    }
    m_position = offset;
    m_current.clear();
    m_currentUsed = 0;
    // The thread owns shared references to what it uses, so nothing it touches goes away under it.
    m_producer = std::thread([file = m_file, pipe = m_pipe, stop = m_stop, offset] {
        QByteArray chunk;
        chunk.reserve(ChunkBytes);
        const Status read = file->read(
            offset, file->size() - offset,
            [&](const char* data, qint64 size) {
                while (size > 0) {
                    const qint64 room = ChunkBytes - chunk.size();
                    const qint64 take = std::min(room, size);
                    chunk.append(data, take);
                    data += take;
                    size -= take;
                    if (chunk.size() == ChunkBytes) {
                        if (!pipe->push(std::move(chunk)))
                            return false;
                        chunk = QByteArray();
                        chunk.reserve(ChunkBytes);
                    }
                }
                return true;
            },
            stop.get());
        if (read && !chunk.isEmpty())
            pipe->push(std::move(chunk));
        pipe->finish(read ? std::nullopt : std::optional<Error>(read.error()));
    });
}

Result<qint64> RemoteStreamSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    std::lock_guard lock(m_mutex);
    if (m_cancelled)
        return Error(ErrorCode::Cancelled, QStringLiteral("the transfer was cancelled"));
    if (offset < 0 || offset > size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 is outside the image").arg(offset));
    length = std::min(length, size() - offset);
    if (length <= 0)
        return qint64(0);
    if (!m_pipe || offset != m_position)
        restartAt(offset);
    qint64 copied = 0;
    while (copied < length) {
        if (m_currentUsed == m_current.size()) {
            Result<QByteArray> next = m_pipe->pop();
            if (!next)
                return next.error();
            if (next->isEmpty())
                break;
            m_current = std::move(*next);
            m_currentUsed = 0;
        }
        const qint64 take = std::min(length - copied, qint64(m_current.size()) - m_currentUsed);
        std::memcpy(buffer + copied, m_current.constData() + m_currentUsed, size_t(take));
        m_currentUsed += take;
        copied += take;
    }
    m_position += copied;
    return copied;
}

} // namespace sreg::remote
