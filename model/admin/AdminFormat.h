#pragma once

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace sreg {

// How the administration UI writes sizes, times and quotas, in one place so every page agrees.
class AdminFormat final
{
    Q_DECLARE_TR_FUNCTIONS(AdminFormat)

public:
    static QString bytes(qint64 bytes); // "1.5 GiB"
    static QString dateTime(qint64 msSinceEpoch); // local time, short format; "" for 0
    static QString date(qint64 msSinceEpoch);
    static QString optionalDateTime(const std::optional<qint64>& msSinceEpoch, const QString& whenUnset);
    static QString quota(const std::optional<qint64>& bytes); // "Unlimited" or "10 GiB"
    static QString percent(double fraction); // 0.873 -> "87 %"
};

} // namespace sreg
