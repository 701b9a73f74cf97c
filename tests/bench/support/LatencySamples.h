#pragma once

#include <QJsonObject>
#include <vector>

namespace sreg::bench {

// Durations of repeated operations, summarised the way the report needs them: median and tail percentiles, and
// the spread, in milliseconds.
class LatencySamples final
{
public:
    void add(double milliseconds) { m_values.push_back(milliseconds); }
    size_t count() const { return m_values.size(); }
    // Nearest-rank percentile (p in 0..100) of what was added; 0 when empty.
    double percentile(double p) const;
    double mean() const;
    // {"count", "p50_ms", "p90_ms", "p99_ms", "min_ms", "max_ms", "mean_ms"}
    QJsonObject toJson() const;

private:
    std::vector<double> m_values;
};

} // namespace sreg::bench
