#include "AdminFormat.h"

#include <QDateTime>
#include <QLocale>

namespace sreg {

QString AdminFormat::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString AdminFormat::dateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toLocalTime(), QLocale::ShortFormat);
}

QString AdminFormat::date(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toLocalTime().date(), QLocale::ShortFormat);
}

QString AdminFormat::optionalDateTime(const std::optional<qint64>& msSinceEpoch, const QString& whenUnset)
{
    return msSinceEpoch ? dateTime(*msSinceEpoch) : whenUnset;
}

QString AdminFormat::quota(const std::optional<qint64>& bytes)
{
    return bytes ? AdminFormat::bytes(*bytes) : tr("Unlimited");
}

QString AdminFormat::percent(double fraction)
{
    return tr("%1 %").arg(qRound(fraction * 100.0));
}

} // namespace sreg
