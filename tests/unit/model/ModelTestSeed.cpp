#include "ModelTestSeed.h"

#include "TestSupport.h"
#include "registry/ImageService.h"

namespace sreg::test {

QString seedPush(Registry& registry, const QString& fixtureName, const QString& collection, const QString& container,
                 const QStringList& tags)
{
    PushRequest request;
    request.collection = collection;
    request.container = container;
    request.tags = tags;
    Result<ImageRecord> image = registry.images().pushFile(Actor::local(), fixture(fixtureName), request);
    return image ? QString() : image.error().message();
}

} // namespace sreg::test
