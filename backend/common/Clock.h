#pragma once

#include <QDateTime>

namespace sreg {

// Wall-clock time as the metadata stores it: Unix milliseconds, UTC.
inline qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// RFC 3339 in UTC with milliseconds ("2026-11-30T04:32:41.123Z"), the form the library client parses.
inline QString toRfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace sreg
