#include "PushCommand.h"

#include "CliArguments.h"
#include "common/ImageRef.h"
#include "common/Names.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

namespace sreg {

int PushCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("private"), QStringLiteral("Make a newly created collection private.") });
    arguments.parser().addOption(
        { QStringLiteral("description"), QStringLiteral("Description of the image."), QStringLiteral("TEXT") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    const QString file = arguments.positional().at(0);
    const QString refText = arguments.positional().at(1);

    // The tag part may list several tags ("v1,latest"); the rest is an ordinary reference.
    const qsizetype colon = refText.indexOf(u':');
    const QStringList tags = Names::splitTagList(colon < 0 ? QString() : refText.mid(colon + 1));
    Result<ImageRef> ref = ImageRef::parse((colon < 0 ? refText : refText.left(colon)) + u':' + tags.front());
    if (!ref)
        return context.usage(ref.error().message());
    if (ref->isDigest())
        return context.usage(QStringLiteral("push to a tag, not to a digest"));
    for (const QString& tag : tags) {
        if (const QString why = Names::whyInvalid(tag, QStringLiteral("tag")); !why.isEmpty())
            return context.usage(why);
    }

    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    PushRequest request;
    request.collection = ref->collection;
    request.container = ref->container;
    request.tags = tags;
    request.description = arguments.value(QStringLiteral("description"));
    if (arguments.isSet(QStringLiteral("private")))
        request.isPrivate = true;
    Result<ImageRecord> image = (*registry)->images().pushFile(Actor::local(), file, request);
    if (!image)
        return context.fail(image.error());
    context.out << image->digest << Qt::endl;
    return ExitOk;
}

} // namespace sreg
