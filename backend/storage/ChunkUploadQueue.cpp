#include "ChunkUploadQueue.h"

#include <algorithm>

namespace sreg {

ChunkUploadQueue::ChunkUploadQueue(int threads) : m_capacity(std::clamp(threads, 1, 64)) { }

ChunkUploadQueue::~ChunkUploadQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_changed.notify_all();
    for (std::thread& thread : m_threads)
        thread.join();
}

void ChunkUploadQueue::submit(std::function<void()> job)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return int(m_jobs.size()) + m_running < m_capacity; });
    m_jobs.push_back(std::move(job));
    if (int(m_threads.size()) < m_capacity && int(m_threads.size()) < int(m_jobs.size()) + m_running)
        m_threads.emplace_back([this] { run(); });
    m_changed.notify_all();
}

void ChunkUploadQueue::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_jobs.empty() && m_running == 0; });
}

void ChunkUploadQueue::discardQueued()
{
    std::lock_guard lock(m_mutex);
    m_jobs.clear();
    m_changed.notify_all();
}

void ChunkUploadQueue::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
        if (m_stop)
            return;
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_running;
        lock.unlock();
        job();
        lock.lock();
        --m_running;
        m_changed.notify_all();
    }
}

} // namespace sreg
