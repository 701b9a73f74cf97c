#include "TagCommand.h"

#include "CliArguments.h"
#include "common/ImageRef.h"
#include "common/Names.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

namespace sreg {

int TagCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("arch"), QStringLiteral("Architecture of the image."), QStringLiteral("ARCH") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    Result<ImageRef> ref = ImageRef::parse(arguments.positional().at(0));
    if (!ref)
        return context.usage(ref.error().message());
    const QString newTag = arguments.positional().at(1);
    for (const QString& part : newTag.split(u':')) {
        if (const QString why = Names::whyInvalid(part, QStringLiteral("tag")); !why.isEmpty() || newTag.count(u':') > 1)
            return context.usage(why.isEmpty() ? QStringLiteral("NEWTAG is a tag or container:tag") : why);
    }
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    Result<TagRecord> tag = (*registry)->images().tag(Actor::local(), *ref, newTag, arguments.value(QStringLiteral("arch")));
    if (!tag)
        return context.fail(tag.error());
    context.out << tag->collection << '/' << tag->container << ':' << tag->name << " -> " << tag->image.digest << Qt::endl;
    return ExitOk;
}

} // namespace sreg
