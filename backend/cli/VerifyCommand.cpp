#include "VerifyCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "registry/MaintenanceService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

int VerifyCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 0, 0))
        return arguments.usageStatus();
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    Result<VerifyReport> report = (*registry)->maintenance().verify(Actor::local());
    if (!report)
        return context.fail(report.error());
    if (arguments.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(RecordJson::toJson(*report)).toJson();
    } else {
        for (const QString& line : std::as_const(report->mismatched))
            context.out << "MISMATCH  " << line << '\n';
        for (const QString& line : std::as_const(report->missing))
            context.out << "MISSING   " << line << '\n';
        for (const QString& line : std::as_const(report->unreadable))
            context.out << "UNREADABLE " << line << '\n';
        context.out << "checked " << report->blobsChecked << " blob(s), " << CliFormat::bytes(report->bytesChecked) << ": "
                    << (report->ok() ? "all good" : "problems found") << Qt::endl;
    }
    return report->ok() ? ExitOk : ExitFailed;
}

} // namespace sreg
