#include "ChunkPipe.h"

namespace sreg::remote {

ChunkPipe::ChunkPipe(int capacity)
    : m_capacity(std::max(1, capacity))
{
}

bool ChunkPipe::push(QByteArray chunk)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_cancelled || int(m_chunks.size()) < m_capacity; });
    if (m_cancelled)
        return false;
    m_chunks.push_back(std::move(chunk));
    m_changed.notify_all();
    return true;
}

void ChunkPipe::finish(std::optional<Error> error)
{
    std::lock_guard lock(m_mutex);
    m_finished = true;
    m_error = std::move(error);
    m_changed.notify_all();
}

Result<QByteArray> ChunkPipe::pop()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_chunks.empty() || m_finished || m_cancelled; });
    if (m_cancelled)
        return Error(ErrorCode::Cancelled, QStringLiteral("the transfer was cancelled"));
    if (!m_chunks.empty()) {
        QByteArray chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_changed.notify_all();
        return chunk;
    }
    if (m_error)
        return *m_error;
    return QByteArray();
}

void ChunkPipe::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    m_chunks.clear();
    m_changed.notify_all();
}

bool ChunkPipe::isCancelled() const
{
    std::lock_guard lock(m_mutex);
    return m_cancelled;
}

} // namespace sreg::remote
