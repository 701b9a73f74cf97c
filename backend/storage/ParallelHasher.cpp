#include "ParallelHasher.h"

namespace sreg {

ParallelHasher::~ParallelHasher()
{
    if (!m_thread.joinable())
        return;
    // The bytes being hashed belong to the owner, who may free them right after this destructor.
    wait();
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ParallelHasher::start(const char* data, size_t size)
{
    wait();
    if (size < MinParallelSize) {
        m_sha.update(data, size);
        return;
    }
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
    {
        std::lock_guard lock(m_mutex);
        m_data = data;
        m_size = size;
        m_busy = true;
    }
    m_wake.notify_one();
}

void ParallelHasher::wait()
{
    if (!m_thread.joinable())
        return;
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return !m_busy; });
}

Digest ParallelHasher::finish()
{
    wait();
    return m_sha.finish();
}

void ParallelHasher::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_busy || m_stop; });
        if (m_stop)
            return;
        const char* data = m_data;
        const size_t size = m_size;
        lock.unlock();
        // m_sha is touched only here while m_busy is set; the owner waits for !m_busy before using it.
        m_sha.update(data, size);
        lock.lock();
        m_busy = false;
        m_done.notify_one();
    }
}

} // namespace sreg
