#pragma once

#include <QImage>
#include <QJsonArray>
#include <QString>

namespace sreg::bench {

// Draws the suite's table as paired horizontal bars: for each measure, our figure and the peer's (or the limit's),
// scaled to the larger of the two, our bar green when the target is met and red when it is not. Values of
// different units never share a scale, so each pair is read on its own, with its numbers printed on the bars.
class BarChart final
{
public:
    // rows: the "rows" array of the suite's results JSON (see tests/bench/README.md).
    BarChart(QString title, QString subtitle, QJsonArray rows);

    QImage render() const;

private:
    QString m_title;
    QString m_subtitle;
    QJsonArray m_rows;
};

} // namespace sreg::bench
