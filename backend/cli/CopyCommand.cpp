#include "CopyCommand.h"

#include "CliArguments.h"
#include "registry/ImageService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"
#include "remote/ImageTransfer.h"
#include "remote/LocalEndpoint.h"
#include "remote/RemoteConnector.h"
#include "remote/RemoteEndpoint.h"
#include "remote/RemoteRef.h"
#include "remote/RemoteRegistry.h"

#include <QJsonDocument>

namespace sreg {

namespace {

struct Side
{
    std::unique_ptr<remote::TransferEndpoint> endpoint;
    std::shared_ptr<remote::RemoteRegistry> remote; // null for the local registry
};

} // namespace

int CopyCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("token-file"), QStringLiteral("Token of the remote side(s) (mode 600)."),
                       QStringLiteral("F") });
    parser.addOption({ QStringLiteral("source-token-file"), QStringLiteral("Token of the source."), QStringLiteral("F") });
    parser.addOption({ QStringLiteral("target-token-file"), QStringLiteral("Token of the target."), QStringLiteral("F") });
    parser.addOption({ QStringLiteral("user"), QStringLiteral("User name on an sregistry server (its signatures)."),
                       QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("fingerprint"),
                       QStringLiteral("Trust a remote side's TLS certificate with this SHA-256 fingerprint."),
                       QStringLiteral("SHA256") });
    parser.addOption({ QStringLiteral("source-fingerprint"), QStringLiteral("The same, for the source only."),
                       QStringLiteral("SHA256") });
    parser.addOption({ QStringLiteral("target-fingerprint"), QStringLiteral("The same, for the target only."),
                       QStringLiteral("SHA256") });
    parser.addOption({ QStringLiteral("arch"), QStringLiteral("Architecture of the source image."), QStringLiteral("ARCH") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print the copied image as JSON.") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    Result<remote::RemoteRef> source = remote::RemoteRef::parse(arguments.positional().at(0));
    if (!source)
        return context.usage(source.error().message());
    Result<remote::RemoteRef> target = remote::RemoteRef::parse(arguments.positional().at(1));
    if (!target)
        return context.usage(target.error().message());
    if (source->ref.isDigest() && !target->hasTag)
        return context.usage(QStringLiteral("the source names a digest: DST_REF needs a :tag"));

    std::shared_ptr<Registry> local;
    const auto sideOf = [&](const remote::RemoteRef& ref, const QString& tokenOption,
                            const QString& fingerprintOption) -> Result<Side> {
        Side side;
        if (!ref.isRemote()) {
            if (!local) {
                Result<std::shared_ptr<Registry>> opened = context.openRegistry();
                if (!opened)
                    return opened.error();
                local = *opened;
            }
            side.endpoint = std::make_unique<remote::LocalEndpoint>(local, Actor::local());
            return side;
        }
        const QString tokenFile = arguments.isSet(tokenOption) ? arguments.value(tokenOption)
                                                               : arguments.value(QStringLiteral("token-file"));
        const QString fingerprint = arguments.isSet(fingerprintOption)
            ? arguments.value(fingerprintOption)
            : arguments.value(QStringLiteral("fingerprint"));
        Result<std::shared_ptr<remote::RemoteRegistry>> registry = remote::RemoteConnector::connect(
            { ref.base, tokenFile, arguments.value(QStringLiteral("user")), fingerprint });
        if (!registry)
            return registry.error();
        side.remote = *registry;
        side.endpoint = std::make_unique<remote::RemoteEndpoint>(*registry);
        return side;
    };
    Result<Side> from = sideOf(*source, QStringLiteral("source-token-file"), QStringLiteral("source-fingerprint"));
    if (!from)
        return context.fail(from.error());
    Result<Side> to = sideOf(*target, QStringLiteral("target-token-file"), QStringLiteral("target-fingerprint"));
    if (!to)
        return context.fail(to.error());

    const QString arch = arguments.value(QStringLiteral("arch"));
    Result<ImageRecord> image = from->remote ? from->remote->resolve(source->ref, arch)
                                             : local->images().resolve(Actor::local(), source->ref, arch);
    if (!image)
        return context.fail(image.error());

    PushRequest request;
    request.collection = target->ref.collection;
    request.container = target->ref.container;
    request.tags = { target->hasTag ? target->ref.tag : source->ref.tag };
    request.createCollection = true;
    Result<remote::ReceiveOutcome> copied
        = remote::ImageTransfer::copy(*from->endpoint, *image, *to->endpoint, request);
    if (!copied)
        return context.fail(copied.error());
    if (arguments.isSet(QStringLiteral("json"))) {
        QJsonObject result = RecordJson::toJson(copied->image);
        result.insert(QStringLiteral("bytesSent"), double(copied->bytes));
        context.out << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        context.out << copied->image.digest << ' '
                    << (copied->bytesSent ? QStringLiteral("copied (%1 bytes)").arg(copied->bytes)
                                          : QStringLiteral("already there, tagged"))
                    << Qt::endl;
    }
    return ExitOk;
}

} // namespace sreg
