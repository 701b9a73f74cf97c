#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sreg::http {

// Counts failed authentications per client address in a sliding window. Once an address reaches the limit,
// further credentialed requests from it are answered 429 until its oldest failure leaves the window. Successful
// requests are never counted: this slows a token guesser down without ever capping normal use (sregistry's
// 100-requests-a-day default broke real users).
class RateLimiter final
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    // limit 0 disables the limiter.
    RateLimiter(int limit, std::chrono::seconds window, Clock clock = {});

    // Whole seconds (at least 1) until address may try again, or 0 when it may try now.
    int retryAfter(const std::string& address);
    void recordFailure(const std::string& address);

    // Addresses tracked at most; beyond it the stalest are forgotten, so a flood of sources cannot grow memory.
    static constexpr size_t MaxAddresses = 100000;

private:
    using TimePoint = std::chrono::steady_clock::time_point;
    void pruneLocked(std::deque<TimePoint>& failures, TimePoint now) const;
    void forgetStaleLocked(TimePoint now);

    const int m_limit;
    const std::chrono::seconds m_window;
    Clock m_clock;
    std::mutex m_mutex;
    std::unordered_map<std::string, std::deque<TimePoint>> m_failures;
};

} // namespace sreg::http
