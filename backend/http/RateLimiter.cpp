#include "RateLimiter.h"

namespace sreg::http {

RateLimiter::RateLimiter(int limit, std::chrono::seconds window, Clock clock)
    : m_limit(limit)
    , m_window(window)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
{
}

void RateLimiter::pruneLocked(std::deque<TimePoint>& failures, TimePoint now) const
{
    while (!failures.empty() && now - failures.front() >= m_window)
        failures.pop_front();
}

int RateLimiter::retryAfter(const std::string& address)
{
    if (m_limit <= 0)
        return 0;
    const std::lock_guard lock(m_mutex);
    const auto found = m_failures.find(address);
    if (found == m_failures.end())
        return 0;
    const TimePoint now = m_clock();
    pruneLocked(found->second, now);
    if (int(found->second.size()) < m_limit) {
        if (found->second.empty())
            m_failures.erase(found);
        return 0;
    }
    const auto wait = m_window - (now - found->second.front());
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait).count();
    return int(std::max<long long>(1, seconds));
}

void RateLimiter::recordFailure(const std::string& address)
{
    if (m_limit <= 0)
        return;
    const std::lock_guard lock(m_mutex);
    const TimePoint now = m_clock();
    if (m_failures.size() >= MaxAddresses && !m_failures.count(address))
        forgetStaleLocked(now);
    std::deque<TimePoint>& failures = m_failures[address];
    pruneLocked(failures, now);
    failures.push_back(now);
    // Only the newest `limit` failures matter for the decision; older ones would only cost memory.
    while (int(failures.size()) > m_limit)
        failures.pop_front();
}

void RateLimiter::forgetStaleLocked(TimePoint now)
{
    for (auto it = m_failures.begin(); it != m_failures.end();) {
        pruneLocked(it->second, now);
        it = it->second.empty() ? m_failures.erase(it) : std::next(it);
    }
    // Still full of live entries (a flood from many sources): drop everything rather than grow without bound.
    if (m_failures.size() >= MaxAddresses)
        m_failures.clear();
}

} // namespace sreg::http
