#include "ObjectByteSource.h"

#include <condition_variable>
#include <cstring>
#include <map>
#include <optional>
#include <thread>

namespace sreg {

struct ObjectByteSource::State
{
    struct Block
    {
        enum class Stage
        {
            Pending,
            Fetching,
            Done,
        };
        qint64 offset = 0;
        qint64 length = 0;
        Stage stage = Stage::Pending;
        std::unique_ptr<char[]> data;
        std::optional<Error> error;
    };

    std::shared_ptr<ObjectStoreClient> client;
    QList<Piece> pieces;
    qint64 size = 0;

    std::mutex mutex;
    std::condition_variable changed;
    std::map<qint64, std::shared_ptr<Block>> blocks; // by offset
    int threads = 0;
    bool stopped = false;

    // Exactly length bytes at offset (offset + length <= size), across piece boundaries.
    Status fetch(qint64 offset, qint64 length, char* buffer) const
    {
        qint64 pieceStart = 0;
        qint64 done = 0;
        for (const Piece& piece : pieces) {
            const qint64 pieceEnd = pieceStart + piece.size;
            const qint64 at = offset + done;
            if (done < length && at < pieceEnd && at >= pieceStart) {
                const qint64 want = std::min(length - done, pieceEnd - at);
                Result<qint64> n = client->readRange(piece.key, at - pieceStart, want, buffer + done);
                if (!n)
                    return n.error();
                if (*n != want)
                    return Error(ErrorCode::Io,
                                 QStringLiteral("%1 holds fewer bytes than expected (%2 at %3)")
                                     .arg(piece.key)
                                     .arg(*n)
                                     .arg(at - pieceStart));
                done += want;
            }
            pieceStart = pieceEnd;
        }
        return {};
    }

    void work()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            std::shared_ptr<Block> next;
            changed.wait(lock, [&] {
                if (stopped)
                    return true;
                for (const auto& [offset, block] : blocks) {
                    if (block->stage == Block::Stage::Pending) {
                        next = block;
                        return true;
                    }
                }
                return false;
            });
            if (stopped) {
                --threads;
                return;
            }
            next->stage = Block::Stage::Fetching;
            lock.unlock();
            auto data = std::make_unique<char[]>(size_t(next->length));
            Status fetched = fetch(next->offset, next->length, data.get());
            lock.lock();
            if (fetched)
                next->data = std::move(data);
            else
                next->error = fetched.error();
            next->stage = Block::Stage::Done;
            changed.notify_all();
        }
    }
};

ObjectByteSource::ObjectByteSource(std::shared_ptr<ObjectStoreClient> client, QList<Piece> pieces, Tuning tuning)
    : m_state(std::make_shared<State>()), m_tuning(tuning)
{
    m_tuning.blockSize = std::max<qint64>(m_tuning.blockSize, 64 * 1024);
    m_tuning.depth = std::clamp(m_tuning.depth, 1, 32);
    m_tuning.window = std::max<qint64>(m_tuning.window, 4096);
    for (const Piece& piece : pieces)
        m_size += piece.size;
    m_state->client = std::move(client);
    m_state->pieces = std::move(pieces);
    m_state->size = m_size;
}

ObjectByteSource::ObjectByteSource(std::shared_ptr<ObjectStoreClient> client, const QString& key, qint64 size,
                                   Tuning tuning)
    : ObjectByteSource(std::move(client), QList<Piece> { Piece { key, size } }, tuning)
{
}

ObjectByteSource::~ObjectByteSource()
{
    std::lock_guard lock(m_state->mutex);
    m_state->stopped = true;
    m_state->blocks.clear();
    m_state->changed.notify_all();
}

Result<qint64> ObjectByteSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    if (offset < 0 || length < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
    if (offset >= m_size || length == 0)
        return qint64(0);
    length = std::min(length, m_size - offset);
    std::lock_guard lock(m_mutex);
    // Two reads in a row that continue each other are a stream (a download, a hash pass): read ahead.
    if (!m_streaming && offset == m_lastEnd && offset > 0)
        m_streaming = true;
    Result<qint64> result = m_streaming ? readStreaming(offset, buffer, length) : readScattered(offset, buffer, length);
    if (result)
        m_lastEnd = offset + *result;
    return result;
}

Result<qint64> ObjectByteSource::readScattered(qint64 offset, char* buffer, qint64 length)
{
    if (m_windowOffset >= 0 && offset >= m_windowOffset && offset + length <= m_windowOffset + m_window.size()) {
        std::memcpy(buffer, m_window.constData() + (offset - m_windowOffset), size_t(length));
        return length;
    }
    if (length >= m_tuning.window) {
        if (Status fetched = m_state->fetch(offset, length, buffer); !fetched)
            return fetched.error();
        return length;
    }
    const qint64 start = offset / m_tuning.window * m_tuning.window;
    const qint64 end = std::min(m_size, std::max(start + m_tuning.window, offset + length));
    QByteArray window(end - start, Qt::Uninitialized);
    if (Status fetched = m_state->fetch(start, window.size(), window.data()); !fetched)
        return fetched.error();
    m_window = std::move(window);
    m_windowOffset = start;
    std::memcpy(buffer, m_window.constData() + (offset - start), size_t(length));
    return length;
}

Result<qint64> ObjectByteSource::readStreaming(qint64 offset, char* buffer, qint64 length)
{
    State& state = *m_state;
    const qint64 blockSize = m_tuning.blockSize;
    qint64 done = 0;
    std::unique_lock lock(state.mutex);
    while (done < length) {
        const qint64 at = offset + done;
        const qint64 first = at / blockSize * blockSize;
        // Blocks behind the reader are dropped; the next `depth` ones are wanted.
        state.blocks.erase(state.blocks.begin(), state.blocks.lower_bound(first));
        for (int i = 0; i < m_tuning.depth; ++i) {
            const qint64 blockOffset = first + i * blockSize;
            if (blockOffset >= m_size)
                break;
            if (!state.blocks.count(blockOffset)) {
                auto block = std::make_shared<State::Block>();
                block->offset = blockOffset;
                block->length = std::min(blockSize, m_size - blockOffset);
                state.blocks.emplace(blockOffset, std::move(block));
            }
        }
        while (state.threads < m_tuning.depth) {
            ++state.threads;
            std::thread([shared = m_state] { shared->work(); }).detach();
        }
        state.changed.notify_all();
        const std::shared_ptr<State::Block> block = state.blocks.at(first);
        state.changed.wait(lock, [&] { return block->stage == State::Block::Stage::Done; });
        if (block->error) {
            const Error error = *block->error;
            state.blocks.erase(first); // a later read tries again
            return error;
        }
        const qint64 n = std::min(length - done, block->offset + block->length - at);
        std::memcpy(buffer + done, block->data.get() + (at - block->offset), size_t(n));
        done += n;
    }
    return done;
}

} // namespace sreg
