#include "FreezeCommand.h"

#include "CliArguments.h"
#include "common/ImageRef.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

namespace sreg {

int FreezeCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("arch"), QStringLiteral("Architecture of the tag."), QStringLiteral("ARCH") });
    if (!arguments.parse(context, args, 1, 1))
        return arguments.usageStatus();
    Result<ImageRef> ref = ImageRef::parse(arguments.positional().at(0));
    if (!ref)
        return context.usage(ref.error().message());
    if (ref->isDigest())
        return context.usage(QStringLiteral("only tags can be frozen: give collection/container:tag"));
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    Status status = (*registry)->images().setFrozen(Actor::local(), *ref, m_freeze, arguments.value(QStringLiteral("arch")));
    return status ? ExitOk : context.fail(status.error());
}

} // namespace sreg
