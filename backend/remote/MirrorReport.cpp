#include "MirrorReport.h"

#include <QJsonArray>
#include <QLocale>

namespace sreg::remote {

QJsonObject MirrorReport::toJson() const
{
    return QJsonObject { { QStringLiteral("imagesCopied"), imagesCopied },
                         { QStringLiteral("imagesReused"), imagesReused },
                         { QStringLiteral("bytesSent"), double(bytesSent) },
                         { QStringLiteral("tagsSet"), tagsSet },
                         { QStringLiteral("frozen"), frozen },
                         { QStringLiteral("deleted"), deleted },
                         { QStringLiteral("keptFrozen"), keptFrozen },
                         { QStringLiteral("collectionCreated"), collectionCreated },
                         { QStringLiteral("failures"), QJsonArray::fromStringList(failures) },
                         { QStringLiteral("elapsedMs"), double(elapsedMs) } };
}

QString MirrorReport::toText() const
{
    QString text;
    for (const QString& failure : failures)
        text += QStringLiteral("failed: %1\n").arg(failure);
    const double seconds = std::max<qint64>(1, elapsedMs) / 1000.0;
    text += QStringLiteral("%1 images copied (%2, %3/s), %4 already there, %5 tags set, %6 frozen, %7 deleted, "
                           "%8 frozen tags kept%9\n")
                .arg(imagesCopied)
                .arg(QLocale::c().formattedDataSize(bytesSent, 1, QLocale::DataSizeTraditionalFormat))
                .arg(QLocale::c().formattedDataSize(qint64(bytesSent / seconds), 1, QLocale::DataSizeTraditionalFormat))
                .arg(imagesReused)
                .arg(tagsSet)
                .arg(frozen)
                .arg(deleted)
                .arg(keptFrozen)
                .arg(failures.isEmpty() ? QString() : QStringLiteral(", %1 FAILED").arg(failures.size()));
    return text;
}

} // namespace sreg::remote
