#include "GcCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "registry/MaintenanceService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

int GcCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("dry-run"), QStringLiteral("Only report what would be removed.") });
    arguments.parser().addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 0, 0))
        return arguments.usageStatus();
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    const bool dryRun = arguments.isSet(QStringLiteral("dry-run"));
    Result<GcReport> report = (*registry)->maintenance().collectGarbage(Actor::local(), dryRun);
    if (!report)
        return context.fail(report.error());
    if (arguments.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(RecordJson::toJson(*report)).toJson();
    } else {
        for (const BlobInfo& blob : std::as_const(report->blobs))
            context.out << (dryRun ? "would remove " : "removed ") << blob.digest.toString() << "  "
                        << CliFormat::bytes(blob.size) << '\n';
        context.out << (dryRun ? "would free " : "freed ") << CliFormat::bytes(report->bytes) << " in "
                    << report->blobs.size() << " blob(s); " << report->abandonedUploads
                    << " abandoned upload(s)" << Qt::endl;
        for (const QString& error : std::as_const(report->errors))
            context.err << "sregistry-server: " << error << Qt::endl;
    }
    return report->errors.isEmpty() ? ExitOk : ExitFailed;
}

} // namespace sreg
