#include "RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

namespace sreg {

std::chrono::milliseconds RetryPolicy::delayBefore(int attempt) const
{
    const int doublings = std::clamp(attempt - 2, 0, 20);
    const qint64 ceiling = std::min<qint64>(maxDelay.count(), baseDelay.count() << doublings);
    if (ceiling <= 0)
        return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(QRandomGenerator::global()->bounded(ceiling + 1));
}

} // namespace sreg
