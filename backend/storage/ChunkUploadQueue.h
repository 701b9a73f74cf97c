#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sreg {

// The worker threads of one writer: jobs (chunk uploads) run on up to `threads` threads, and submit() blocks
// while that many are running or waiting, which bounds the memory a fast sender can pin (back-pressure instead
// of buffering a whole image). Threads start with the first job, so small blobs never create one.
class ChunkUploadQueue final
{
public:
    explicit ChunkUploadQueue(int threads);
    ~ChunkUploadQueue(); // waits for the jobs that run; drops the queued ones
    ChunkUploadQueue(const ChunkUploadQueue&) = delete;
    ChunkUploadQueue& operator=(const ChunkUploadQueue&) = delete;

    void submit(std::function<void()> job);
    // Returns when no job is queued or running.
    void waitIdle();
    // Queued jobs that have not started are dropped.
    void discardQueued();

private:
    void run();

    int m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_jobs;
    int m_running = 0;
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

} // namespace sreg
