#include "GeneratedNames.h"

namespace sreg::bench {

GeneratedRef GeneratedNames::ref(qint64 image)
{
    const qint64 inCollection = image % ImagesPerCollection;
    return GeneratedRef { collection(image / ImagesPerCollection),
                          QStringLiteral("n%1").arg(inCollection / TagsPerContainer),
                          QStringLiteral("t%1").arg(inCollection % TagsPerContainer) };
}

QString GeneratedNames::collection(qint64 index)
{
    return QStringLiteral("c%1").arg(index, 6, 10, QLatin1Char('0'));
}

qint64 GeneratedNames::collectionCount(qint64 images)
{
    return (images + ImagesPerCollection - 1) / ImagesPerCollection;
}

} // namespace sreg::bench
