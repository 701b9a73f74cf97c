#pragma once

#include "common/Result.h"

#include <chrono>
#include <functional>
#include <thread>

namespace sreg {

// How the object stores retry: a transient failure (a broken connection, a timeout, a 5xx, throttling) is tried
// again after an exponentially growing, fully jittered pause, so that parallel parts that failed together do not
// come back together. Anything else (credentials refused, a missing bucket, a refused request) is final at once:
// retrying it would only delay the message the user needs. Both kinds may carry ErrorCode::Unavailable (the
// store is unusable either way), so each attempt says itself whether it is worth repeating.
class RetryPolicy final
{
public:
    int maxAttempts = 6;
    std::chrono::milliseconds baseDelay { 250 };
    std::chrono::milliseconds maxDelay { 10000 };

    // The pause before attempt number `attempt` (2, 3, ...): uniform in [0, min(maxDelay, base * 2^(attempt-2))].
    std::chrono::milliseconds delayBefore(int attempt) const;

    // Runs attempt(transient) until it succeeds, fails with transient left false, or maxAttempts ran out; the
    // last error then says how many attempts were made. attempt sets transient when its failure may pass.
    template<typename T> Result<T> run(const std::function<Result<T>(bool& transient)>& attempt) const
    {
        for (int number = 1;; ++number) {
            bool transient = false;
            Result<T> result = attempt(transient);
            if (result.ok() || !transient)
                return result;
            if (number >= maxAttempts)
                return Error(result.error().code(),
                             result.error().message() + QStringLiteral(" (gave up after %1 attempts)").arg(number));
            std::this_thread::sleep_for(delayBefore(number + 1));
        }
    }
};

} // namespace sreg
