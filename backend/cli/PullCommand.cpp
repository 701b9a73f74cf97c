#include "PullCommand.h"

#include "CliArguments.h"
#include "common/ImageRef.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

namespace sreg {

int PullCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("arch"), QStringLiteral("Architecture to pull."), QStringLiteral("ARCH") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    Result<ImageRef> ref = ImageRef::parse(arguments.positional().at(0));
    if (!ref)
        return context.usage(ref.error().message());
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    Result<ImageRecord> image = (*registry)->images().pullToFile(
        Actor::local(), *ref, arguments.value(QStringLiteral("arch")), arguments.positional().at(1));
    if (!image)
        return context.fail(image.error());
    context.out << image->digest << Qt::endl;
    return ExitOk;
}

} // namespace sreg
