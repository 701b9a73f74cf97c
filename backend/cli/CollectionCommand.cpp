#include "CollectionCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "common/Names.h"
#include "registry/CollectionService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

QString CollectionCommand::synopsis() const
{
    return QStringLiteral(
        "collection create NAME [--private] [--description TEXT] | ls [--json] | rm NAME | set-private NAME | "
        "set-public NAME | members NAME | add-member NAME PRINCIPAL --role owner|contributor [--team] | "
        "remove-member NAME PRINCIPAL [--team] | quota NAME BYTES|none | allow-contributor-push NAME yes|no");
}

int CollectionCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("private"), QStringLiteral("Create the collection private.") });
    parser.addOption({ QStringLiteral("description"), QStringLiteral("Description."), QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    parser.addOption({ QStringLiteral("team"), QStringLiteral("PRINCIPAL names a team.") });
    parser.addOption({ QStringLiteral("role"), QStringLiteral("owner or contributor."), QStringLiteral("ROLE") });
    if (!arguments.parse(context, args, 1, 3))
        return arguments.usageStatus();
    const QStringList positional = arguments.positional();
    const QString action = positional.at(0);
    const QString name = positional.value(1);
    static const QStringList withOneArgument { QStringLiteral("create"), QStringLiteral("rm"),
        QStringLiteral("set-private"), QStringLiteral("set-public"), QStringLiteral("members") };
    static const QStringList withTwoArguments { QStringLiteral("add-member"), QStringLiteral("remove-member"),
        QStringLiteral("quota"), QStringLiteral("allow-contributor-push") };
    const int expected = action == u"ls" ? 1 : withOneArgument.contains(action) ? 2 : withTwoArguments.contains(action) ? 3 : -1;
    if (expected < 0)
        return context.usage(QStringLiteral("unknown collection action '%1'\nusage: sregistry-server ").arg(action) + synopsis());
    if (positional.size() != expected)
        return context.usage(QStringLiteral("usage: sregistry-server ") + synopsis());
    if (action != u"ls" && !Names::isValid(name))
        return context.usage(Names::whyInvalid(name, QStringLiteral("collection")));

    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    CollectionService& collections = (*registry)->collections();
    const Actor actor = Actor::local();

    if (action == u"create") {
        Result<CollectionRecord> created = collections.create(actor, name, arguments.value(QStringLiteral("description")),
            arguments.isSet(QStringLiteral("private")) ? std::optional<bool>(true) : std::nullopt);
        return created ? ExitOk : context.fail(created.error());
    }
    if (action == u"ls") {
        Result<QList<CollectionRecord>> list = collections.list(actor, { .limit = 100000 });
        if (!list)
            return context.fail(list.error());
        if (arguments.isSet(QStringLiteral("json"))) {
            context.out << QJsonDocument(RecordJson::toJsonArray(*list)).toJson();
            return ExitOk;
        }
        QList<QStringList> rows { { QStringLiteral("COLLECTION"), QStringLiteral("VISIBILITY"),
            QStringLiteral("CONTAINERS"), QStringLiteral("IMAGES"), QStringLiteral("SIZE"), QStringLiteral("QUOTA") } };
        for (const CollectionRecord& c : std::as_const(*list))
            rows.append({ c.name, c.isPrivate ? QStringLiteral("private") : QStringLiteral("public"),
                QString::number(c.containerCount), QString::number(c.imageCount), CliFormat::bytes(c.totalBytes),
                c.quotaBytes ? CliFormat::bytes(*c.quotaBytes) : QStringLiteral("-") });
        context.out << CliFormat::table(rows);
        return ExitOk;
    }
    if (action == u"rm") {
        Status removed = collections.remove(actor, name);
        return removed ? ExitOk : context.fail(removed.error());
    }
    if (action == u"set-private" || action == u"set-public") {
        CollectionUpdate update;
        update.isPrivate = action == u"set-private";
        Result<CollectionRecord> updated = collections.update(actor, name, update);
        return updated ? ExitOk : context.fail(updated.error());
    }
    if (action == u"members") {
        Result<QList<CollectionMemberRecord>> members = collections.members(actor, name);
        if (!members)
            return context.fail(members.error());
        QList<QStringList> rows { { QStringLiteral("MEMBER"), QStringLiteral("KIND"), QStringLiteral("ROLE") } };
        for (const CollectionMemberRecord& m : std::as_const(*members))
            rows.append({ m.name, m.isTeam ? QStringLiteral("team") : QStringLiteral("user"),
                m.owner ? QStringLiteral("owner") : QStringLiteral("contributor") });
        context.out << CliFormat::table(rows);
        return ExitOk;
    }
    if (action == u"add-member" || action == u"remove-member") {
        const QString role = action == u"add-member" ? arguments.value(QStringLiteral("role")) : QString();
        if (action == u"add-member" && role != u"owner" && role != u"contributor")
            return context.usage(QStringLiteral("add-member needs --role owner or --role contributor"));
        Status changed = collections.setMember(actor, name, positional.at(2), arguments.isSet(QStringLiteral("team")), role);
        return changed ? ExitOk : context.fail(changed.error());
    }
    if (action == u"quota") {
        CollectionUpdate update;
        if (positional.at(2) == u"none") {
            update.quotaBytes = std::optional<qint64>();
        } else {
            bool ok = false;
            const qint64 bytes = positional.at(2).toLongLong(&ok);
            if (!ok || bytes < 0)
                return context.usage(QStringLiteral("quota is a number of bytes or 'none'"));
            update.quotaBytes = std::optional<qint64>(bytes);
        }
        Result<CollectionRecord> updated = collections.update(actor, name, update);
        return updated ? ExitOk : context.fail(updated.error());
    }
    if (action == u"allow-contributor-push") {
        const QString answer = positional.at(2);
        if (answer != u"yes" && answer != u"no")
            return context.usage(QStringLiteral("allow-contributor-push takes yes or no"));
        CollectionUpdate update;
        update.contributorsCanPush = answer == u"yes";
        Result<CollectionRecord> updated = collections.update(actor, name, update);
        return updated ? ExitOk : context.fail(updated.error());
    }
    return context.usage(QStringLiteral("unknown collection action '%1'\nusage: sregistry-server ").arg(action) + synopsis());
}

} // namespace sreg
