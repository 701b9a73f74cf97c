#pragma once

#include "common/ByteSource.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace sreg::remote {

class ChunkPipe;
class RemoteImageFile;

// A remote image read front to back, as transfers read it: a helper thread downloads ahead (resuming by itself
// after a broken connection, see RemoteImageFile) into a ChunkPipe of a few MiB, and readAt() takes from it, so
// the network overlaps with whatever the reader does with the bytes (hashing, writing, uploading). A read at
// another offset than the next one restarts the download there with a Range request: an upload that skips the
// parts a server already has costs no download of them.
class RemoteStreamSource final : public ByteSource
{
public:
    static constexpr qint64 ChunkBytes = 1 << 20;
    static constexpr int PipeChunks = 8;

    explicit RemoteStreamSource(std::shared_ptr<RemoteImageFile> file);
    ~RemoteStreamSource() override;
    RemoteStreamSource(const RemoteStreamSource&) = delete;
    RemoteStreamSource& operator=(const RemoteStreamSource&) = delete;

    qint64 size() const override;
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;
    // Stops the helper thread (a blocked readAt() then fails as Cancelled).
    void cancel();

private:
    void restartAt(qint64 offset);
    void stop();

    std::shared_ptr<RemoteImageFile> m_file;
    std::mutex m_mutex; // one reader at a time
    std::mutex m_pipeMutex; // guards m_pipe and m_stop against cancel() from another thread
    std::atomic<bool> m_cancelled { false };
    std::shared_ptr<ChunkPipe> m_pipe;
    std::shared_ptr<std::atomic<bool>> m_stop;
    std::thread m_producer;
    qint64 m_position = -1; // offset of the first byte of m_current still unread
    QByteArray m_current;
    qint64 m_currentUsed = 0;
};

} // namespace sreg::remote
