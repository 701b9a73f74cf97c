#include "TeamCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "common/Names.h"
#include "registry/AccountService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

QString TeamCommand::synopsis() const
{
    return QStringLiteral("team create NAME [--description TEXT] | ls [--json] | rm NAME | "
                          "add-member TEAM USER [--owner] | remove-member TEAM USER");
}

int TeamCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("description"), QStringLiteral("Description."), QStringLiteral("TEXT") });
    arguments.parser().addOption({ QStringLiteral("owner"), QStringLiteral("The member owns the team.") });
    arguments.parser().addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 1, 3))
        return arguments.usageStatus();
    const QStringList positional = arguments.positional();
    const QString action = positional.at(0);
    const int expected = action == u"ls"                              ? 1
        : (action == u"create" || action == u"rm")                    ? 2
        : (action == u"add-member" || action == u"remove-member") ? 3
                                                                      : -1;
    if (expected < 0)
        return context.usage(QStringLiteral("unknown team action '%1'\nusage: sregistry-server ").arg(action) + synopsis());
    if (positional.size() != expected)
        return context.usage(QStringLiteral("usage: sregistry-server ") + synopsis());
    for (const QString& name : positional.mid(1)) {
        if (!Names::isValid(name))
            return context.usage(Names::whyInvalid(name, QStringLiteral("team or user")));
    }
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    AccountService& accounts = (*registry)->accounts();
    const Actor actor = Actor::local();
    if (action == u"ls") {
        Result<QList<TeamRecord>> teams = accounts.teams(actor);
        if (!teams)
            return context.fail(teams.error());
        if (arguments.isSet(QStringLiteral("json"))) {
            context.out << QJsonDocument(RecordJson::toJsonArray(*teams)).toJson();
            return ExitOk;
        }
        QList<QStringList> rows { { QStringLiteral("TEAM"), QStringLiteral("MEMBERS"), QStringLiteral("DESCRIPTION") } };
        for (const TeamRecord& team : std::as_const(*teams)) {
            QStringList members;
            for (const TeamMemberRecord& member : team.members)
                members.append(member.owner ? member.userName + QStringLiteral(" (owner)") : member.userName);
            rows.append({ team.name, members.join(QStringLiteral(", ")), team.description });
        }
        context.out << CliFormat::table(rows);
        return ExitOk;
    }
    Status status;
    if (action == u"create") {
        Result<TeamRecord> team = accounts.createTeam(actor, positional.at(1), arguments.value(QStringLiteral("description")));
        status = team ? Status() : Status(team.error());
    } else if (action == u"rm") {
        status = accounts.removeTeam(actor, positional.at(1));
    } else {
        const QString role = action == u"remove-member"
            ? QString()
            : (arguments.isSet(QStringLiteral("owner")) ? QStringLiteral("owner") : QStringLiteral("member"));
        status = accounts.setTeamMember(actor, positional.at(1), positional.at(2), role);
    }
    return status ? ExitOk : context.fail(status.error());
}

} // namespace sreg
