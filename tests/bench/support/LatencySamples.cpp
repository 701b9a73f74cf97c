#include "LatencySamples.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sreg::bench {

double LatencySamples::percentile(double p) const
{
    if (m_values.empty())
        return 0.0;
    std::vector<double> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * double(sorted.size()));
    return sorted[size_t(std::clamp(rank, 1.0, double(sorted.size()))) - 1];
}

double LatencySamples::mean() const
{
    return m_values.empty() ? 0.0 : std::accumulate(m_values.begin(), m_values.end(), 0.0) / double(m_values.size());
}

QJsonObject LatencySamples::toJson() const
{
    return QJsonObject { { QStringLiteral("count"), qint64(m_values.size()) },
                         { QStringLiteral("p50_ms"), percentile(50) },
                         { QStringLiteral("p90_ms"), percentile(90) },
                         { QStringLiteral("p99_ms"), percentile(99) },
                         { QStringLiteral("min_ms"), percentile(0) },
                         { QStringLiteral("max_ms"), percentile(100) },
                         { QStringLiteral("mean_ms"), mean() } };
}

} // namespace sreg::bench
