#include "TokenCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "common/Clock.h"
#include "registry/AccountService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

QString TokenCommand::synopsis() const
{
    return QStringLiteral("token create USER --name N [--scope read|push|admin] [--expires DAYS] | ls USER [--json] | "
                          "revoke ID");
}

int TokenCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("name"), QStringLiteral("Name of the token."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("scope"), QStringLiteral("read, push (default) or admin; several separated by ','."),
        QStringLiteral("SCOPE"), QStringLiteral("push") });
    parser.addOption({ QStringLiteral("expires"), QStringLiteral("Days until the token expires (default: never)."),
        QStringLiteral("DAYS") });
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 2, 2))
        return arguments.usageStatus();
    const QString action = arguments.positional().at(0);
    const QString subject = arguments.positional().at(1);
    if (action != u"create" && action != u"ls" && action != u"revoke")
        return context.usage(QStringLiteral("unknown token action '%1'\nusage: sregistry-server ").arg(action) + synopsis());

    std::optional<Scopes> scopes;
    std::optional<qint64> expiresAt;
    qint64 tokenId = 0;
    if (action == u"create") {
        if (!arguments.isSet(QStringLiteral("name")))
            return context.usage(QStringLiteral("token create needs --name"));
        scopes = parseScopes(arguments.value(QStringLiteral("scope")));
        if (!scopes)
            return context.usage(QStringLiteral("--scope takes read, push or admin"));
        if (arguments.isSet(QStringLiteral("expires"))) {
            bool ok = false;
            const double days = arguments.value(QStringLiteral("expires")).toDouble(&ok);
            if (!ok || days <= 0 || days > 36500)
                return context.usage(QStringLiteral("--expires takes a number of days between 0 and 36500"));
            expiresAt = nowMs() + qint64(days * 24 * 3600 * 1000);
        }
    } else if (action == u"revoke") {
        bool ok = false;
        tokenId = subject.toLongLong(&ok);
        if (!ok || tokenId <= 0)
            return context.usage(QStringLiteral("token revoke takes the token's numeric ID (see token ls)"));
    }

    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    AccountService& accounts = (*registry)->accounts();
    const Actor actor = Actor::local();
    if (action == u"create") {
        Result<NewToken> token = accounts.createToken(actor, subject, arguments.value(QStringLiteral("name")), *scopes, expiresAt);
        if (!token)
            return context.fail(token.error());
        context.out << token->secret << Qt::endl;
        return ExitOk;
    }
    if (action == u"revoke") {
        Status revoked = accounts.revokeToken(actor, tokenId);
        return revoked ? ExitOk : context.fail(revoked.error());
    }
    Result<QList<TokenRecord>> tokens = accounts.tokens(actor, subject);
    if (!tokens)
        return context.fail(tokens.error());
    if (arguments.isSet(QStringLiteral("json"))) {
        context.out << QJsonDocument(RecordJson::toJsonArray(*tokens)).toJson();
        return ExitOk;
    }
    QList<QStringList> rows { { QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("SCOPES"),
        QStringLiteral("CREATED"), QStringLiteral("EXPIRES"), QStringLiteral("LAST USED"), QStringLiteral("STATE") } };
    const qint64 now = nowMs();
    for (const TokenRecord& t : std::as_const(*tokens)) {
        const QString state = t.revokedAt ? QStringLiteral("revoked")
            : (t.expiresAt && *t.expiresAt <= now) ? QStringLiteral("expired")
                                                   : QStringLiteral("active");
        rows.append({ QString::number(t.id), t.name, t.scopes.join(u','), CliFormat::time(t.createdAt),
            t.expiresAt ? CliFormat::time(*t.expiresAt) : QStringLiteral("never"),
            t.lastUsedAt ? CliFormat::time(*t.lastUsedAt) : QStringLiteral("never"), state });
    }
    context.out << CliFormat::table(rows);
    return ExitOk;
}

} // namespace sreg
