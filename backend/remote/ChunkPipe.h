#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace sreg::remote {

// A bounded queue of byte chunks between one producer thread (a download) and one consumer (an upload or a
// push session): the download runs ahead by at most capacity chunks, so memory stays bounded whatever the
// image's size, and receiving overlaps with hashing and writing.
class ChunkPipe final
{
public:
    explicit ChunkPipe(int capacity);

    // Blocks while the pipe is full; false once the consumer cancelled.
    bool push(QByteArray chunk);
    // The producer is done: with an error, the consumer sees it after the chunks already queued.
    void finish(std::optional<Error> error = std::nullopt);
    // Blocks until a chunk or the end; an empty QByteArray at the end, or the producer's error.
    Result<QByteArray> pop();
    // The consumer gives up: a blocked or later push() returns false.
    void cancel();
    bool isCancelled() const;

private:
    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_chunks;
    bool m_finished = false;
    bool m_cancelled = false;
    std::optional<Error> m_error;
};

} // namespace sreg::remote
