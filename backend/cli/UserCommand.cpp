#include "UserCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "common/Names.h"
#include "registry/AccountService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

QString UserCommand::synopsis() const
{
    return QStringLiteral("user add NAME [--admin] [--full-name TEXT] [--email ADDRESS] | ls [--json] | disable NAME | "
                          "enable NAME | make-admin NAME | revoke-admin NAME | quota NAME BYTES|none");
}

int UserCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("admin"), QStringLiteral("Make the new user an administrator.") });
    parser.addOption({ QStringLiteral("full-name"), QStringLiteral("Full name."), QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("email"), QStringLiteral("E-mail address."), QStringLiteral("ADDRESS") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 1, 3))
        return arguments.usageStatus();
    const QStringList positional = arguments.positional();
    const QString action = positional.at(0);
    static const QStringList withName { QStringLiteral("add"), QStringLiteral("disable"), QStringLiteral("enable"),
        QStringLiteral("make-admin"), QStringLiteral("revoke-admin") };
    const int expected = action == u"ls" ? 1 : withName.contains(action) ? 2 : action == u"quota" ? 3 : -1;
    if (expected < 0)
        return context.usage(QStringLiteral("unknown user action '%1'\nusage: sregistry-server ").arg(action) + synopsis());
    if (positional.size() != expected)
        return context.usage(QStringLiteral("usage: sregistry-server ") + synopsis());
    const QString name = positional.value(1);
    if (expected > 1 && !Names::isValid(name))
        return context.usage(Names::whyInvalid(name, QStringLiteral("user")));

    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    AccountService& accounts = (*registry)->accounts();
    const Actor actor = Actor::local();

    if (action == u"add") {
        Result<UserRecord> user = accounts.addUser(actor, name, arguments.isSet(QStringLiteral("admin")),
            arguments.value(QStringLiteral("full-name")), arguments.value(QStringLiteral("email")));
        return user ? ExitOk : context.fail(user.error());
    }
    if (action == u"ls") {
        Result<QList<UserRecord>> users = accounts.users(actor);
        if (!users)
            return context.fail(users.error());
        if (arguments.isSet(QStringLiteral("json"))) {
            context.out << QJsonDocument(RecordJson::toJsonArray(*users)).toJson();
            return ExitOk;
        }
        QList<QStringList> rows { { QStringLiteral("USER"), QStringLiteral("ROLE"), QStringLiteral("STATE"),
            QStringLiteral("QUOTA"), QStringLiteral("CREATED") } };
        for (const UserRecord& u : std::as_const(*users))
            rows.append({ u.name, u.admin ? QStringLiteral("admin") : QStringLiteral("user"),
                u.active ? QStringLiteral("active") : QStringLiteral("disabled"),
                u.quotaBytes ? CliFormat::bytes(*u.quotaBytes) : QStringLiteral("-"), CliFormat::time(u.createdAt) });
        context.out << CliFormat::table(rows);
        return ExitOk;
    }
    Status status;
    if (action == u"disable" || action == u"enable")
        status = accounts.setActive(actor, name, action == u"enable");
    else if (action == u"make-admin" || action == u"revoke-admin")
        status = accounts.setAdmin(actor, name, action == u"make-admin");
    else {
        std::optional<qint64> quota;
        if (positional.at(2) != u"none") {
            bool ok = false;
            quota = positional.at(2).toLongLong(&ok);
            if (!ok || *quota < 0)
                return context.usage(QStringLiteral("quota is a number of bytes or 'none'"));
        }
        status = accounts.setQuota(actor, name, quota);
    }
    return status ? ExitOk : context.fail(status.error());
}

} // namespace sreg
