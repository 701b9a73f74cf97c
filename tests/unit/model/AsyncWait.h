#pragma once

// Test helper: waits (spinning the event loop, never blocking it) for the answer of a RegistrySource call.

#include "RegistrySource.h"

#include <QObject>
#include <QTest>
#include <optional>

namespace sreg::test {

template<typename T, typename Call> std::optional<Result<T>> awaitResult(Call&& call, int timeoutMs = 10000)
{
    QObject context;
    std::optional<Result<T>> answer;
    call(&context, [&answer](Result<T> result) { answer.emplace(std::move(result)); });
    // A timeout leaves answer empty, which the caller checks.
    (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, timeoutMs);
    return answer;
}

} // namespace sreg::test
