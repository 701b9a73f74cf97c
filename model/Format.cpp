#include "Format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace sreg::Format {

QString bytes(qint64 bytes)
{
    // Binary units, as du -h and the file managers of our users' desktops show them.
    return QLocale().formattedDataSize(bytes, bytes < 1024 ? 0 : 1, QLocale::DataSizeIecFormat);
}

QString speed(double bytesPerSecond)
{
    if (bytesPerSecond <= 0.0)
        return {};
    return QCoreApplication::translate("sreg::Format", "%1/s").arg(bytes(qint64(bytesPerSecond)));
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QCoreApplication::translate("sreg::Format", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("sreg::Format", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QChar(u'0'));
    return QCoreApplication::translate("sreg::Format", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds % 3600) / 60, 2, 10, QChar(u'0'));
}

QString dateTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QLocale::ShortFormat);
}

QString shortDigest(const QString& digest)
{
    // "sha256." plus 12 hex digits: as many as people compare by eye, as in Docker's short IDs.
    const int dot = int(digest.indexOf(u'.'));
    return dot < 0 ? digest.left(12) : digest.left(dot + 1 + 12);
}

} // namespace sreg::Format
