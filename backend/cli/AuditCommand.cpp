#include "AuditCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "registry/AuditLog.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

int AuditCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("actor"), QStringLiteral("Only this actor."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("action"), QStringLiteral("Only this action, e.g. image.push."), QStringLiteral("ACTION") });
    parser.addOption({ QStringLiteral("limit"), QStringLiteral("At most N events (default 100)."), QStringLiteral("N"),
        QStringLiteral("100") });
    parser.addOption({ QStringLiteral("csv"), QStringLiteral("Print CSV.") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 0, 0))
        return arguments.usageStatus();
    bool ok = false;
    AuditQuery query;
    query.limit = arguments.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || query.limit <= 0)
        return context.usage(QStringLiteral("--limit takes a positive number"));
    query.actor = arguments.value(QStringLiteral("actor"));
    query.action = arguments.value(QStringLiteral("action"));
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    Result<QList<AuditEventRecord>> events = (*registry)->audit().query(Actor::local(), query);
    if (!events)
        return context.fail(events.error());
    if (arguments.isSet(QStringLiteral("csv"))) {
        context.out << AuditLog::toCsv(*events);
    } else if (arguments.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(RecordJson::toJsonArray(*events)).toJson();
    } else {
        QList<QStringList> rows { { QStringLiteral("TIME"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"),
            QStringLiteral("OBJECT"), QStringLiteral("OUTCOME"), QStringLiteral("DETAIL") } };
        for (const AuditEventRecord& e : std::as_const(*events))
            rows.append({ CliFormat::time(e.at), e.actor, e.action, e.object, e.outcome, e.detail });
        context.out << CliFormat::table(rows);
    }
    return ExitOk;
}

} // namespace sreg
