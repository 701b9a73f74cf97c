#include "MirrorCommand.h"

#include "CliArguments.h"
#include "common/Names.h"
#include "registry/Registry.h"
#include "remote/LocalEndpoint.h"
#include "remote/Mirror.h"
#include "remote/RemoteConnector.h"
#include "remote/RemoteEndpoint.h"
#include "remote/RemoteInfo.h"
#include "remote/RemoteRegistry.h"

#include <QJsonDocument>

namespace sreg {

int MirrorCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("token-file"),
                       QStringLiteral("File holding the source's token (mode 600)."), QStringLiteral("F") });
    parser.addOption({ QStringLiteral("user"), QStringLiteral("User name on an sregistry source (its signatures)."),
                       QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("fingerprint"),
                       QStringLiteral("Trust the source's TLS certificate with this SHA-256 fingerprint."),
                       QStringLiteral("SHA256") });
    parser.addOption({ QStringLiteral("dry-run"), QStringLiteral("Print what would be done, change nothing.") });
    parser.addOption({ QStringLiteral("prune"), QStringLiteral("Delete local tags the source no longer has.") });
    parser.addOption({ QStringLiteral("jobs"), QStringLiteral("Images copied at once (default 3)."), QStringLiteral("N"),
                       QStringLiteral("3") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print the plan and the report as JSON.") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    const QUrl base(arguments.positional().at(0), QUrl::StrictMode);
    if (!base.isValid() || (base.scheme() != u"http" && base.scheme() != u"https") || base.host().isEmpty())
        return context.usage(QStringLiteral("SOURCE_URL must be an http(s):// URL"));
    const QString collection = arguments.positional().at(1);
    if (!Names::isValid(collection))
        return context.usage(Names::whyInvalid(collection, QStringLiteral("collection")));
    bool jobsOk = false;
    const int jobs = arguments.value(QStringLiteral("jobs")).toInt(&jobsOk);
    if (!jobsOk || jobs < 1 || jobs > 16)
        return context.usage(QStringLiteral("--jobs takes a number from 1 to 16"));
    const bool json = arguments.isSet(QStringLiteral("json"));

    Result<std::shared_ptr<remote::RemoteRegistry>> source
        = remote::RemoteConnector::connect({ base, arguments.value(QStringLiteral("token-file")),
                                             arguments.value(QStringLiteral("user")),
                                             arguments.value(QStringLiteral("fingerprint")) });
    if (!source)
        return context.fail(source.error());
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    if (!json)
        context.err << "source: " << (*source)->displayUrl() << ": " << (*source)->info().summary() << Qt::endl;

    remote::RemoteEndpoint from(*source);
    remote::LocalEndpoint to(*registry, Actor::local());
    remote::Mirror mirror(from, to, { collection, arguments.isSet(QStringLiteral("prune")), jobs });
    Result<remote::MirrorPlan> plan = mirror.plan();
    if (!plan)
        return context.fail(plan.error());
    if (json && arguments.isSet(QStringLiteral("dry-run"))) {
        context.out << QJsonDocument(plan->toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    if (!json)
        context.out << plan->toText() << Qt::flush;
    if (arguments.isSet(QStringLiteral("dry-run")))
        return ExitOk;

    Result<remote::MirrorReport> report = mirror.run(*plan, {}, [&](const QString& line) {
        if (!json)
            context.err << line << Qt::endl;
    });
    if (!report)
        return context.fail(report.error());
    if (json)
        context.out << QJsonDocument(QJsonObject { { QStringLiteral("plan"), plan->toJson() },
                                                   { QStringLiteral("report"), report->toJson() } })
                           .toJson(QJsonDocument::Compact)
                    << Qt::endl;
    else
        context.out << report->toText() << Qt::flush;
    return report->ok() ? ExitOk : ExitFailed;
}

} // namespace sreg
