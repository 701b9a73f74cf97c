#pragma once

#include "common/Digest.h"
#include "common/Sha256.h"

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

namespace sreg {

// SHA-256 on a helper thread, so that hashing a buffer overlaps with writing (or copying) the same buffer on
// the caller's thread: a 1 GiB push then costs max(write, hash) per buffer instead of write + hash (SHA-256
// runs at ~1.9 GiB/s here, about as fast as writing to the page cache, so this nearly halves the CPU time).
// The helper thread starts with the first large buffer; small blobs never pay for a thread.
//
// Not thread-safe itself: one owner drives it (start/wait/finish), the helper only reads the bytes it is given.
class ParallelHasher final
{
public:
    ParallelHasher() = default;
    ~ParallelHasher();
    ParallelHasher(const ParallelHasher&) = delete;
    ParallelHasher& operator=(const ParallelHasher&) = delete;

    // Starts hashing [data, data + size). The bytes must stay unchanged until wait() (or the next start, or
    // finish) returns. Buffers too small to be worth a hand-over are hashed right here.
    void start(const char* data, size_t size);
    // Returns when the last started buffer is hashed.
    void wait();
    // Waits, then returns the digest of everything given so far and resets.
    Digest finish();

    static constexpr size_t MinParallelSize = 256 * 1024;

private:
    void run();

    Sha256 m_sha;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake; // the helper waits here for work
    std::condition_variable m_done; // the owner waits here for the helper
    const char* m_data = nullptr;
    size_t m_size = 0;
    bool m_busy = false;
    bool m_stop = false;
};

} // namespace sreg
