#include "LsCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QJsonDocument>

namespace sreg {

int LsCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    if (!arguments.parse(context, args, 0, 1))
        return arguments.usageStatus();
    const bool json = arguments.isSet(QStringLiteral("json"));
    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());
    const Actor actor = Actor::local();

    if (arguments.positional().isEmpty()) {
        Result<QList<CollectionRecord>> collections = (*registry)->collections().list(actor, { .limit = 100000 });
        if (!collections)
            return context.fail(collections.error());
        if (json) {
            context.out << QJsonDocument(RecordJson::toJsonArray(*collections)).toJson();
            return ExitOk;
        }
        QList<QStringList> rows { { QStringLiteral("COLLECTION"), QStringLiteral("VISIBILITY"),
            QStringLiteral("CONTAINERS"), QStringLiteral("IMAGES"), QStringLiteral("SIZE") } };
        for (const CollectionRecord& c : std::as_const(*collections))
            rows.append({ c.name, c.isPrivate ? QStringLiteral("private") : QStringLiteral("public"),
                QString::number(c.containerCount), QString::number(c.imageCount), CliFormat::bytes(c.totalBytes) });
        context.out << CliFormat::table(rows);
        return ExitOk;
    }

    Result<QList<TagRecord>> tags = (*registry)->images().tags(actor, arguments.positional().at(0));
    if (!tags)
        return context.fail(tags.error());
    if (json) {
        context.out << QJsonDocument(RecordJson::toJsonArray(*tags)).toJson();
        return ExitOk;
    }
    QList<QStringList> rows { { QStringLiteral("IMAGE"), QStringLiteral("ARCH"), QStringLiteral("SIZE"),
        QStringLiteral("DIGEST"), QStringLiteral("FROZEN"), QStringLiteral("PUSHED") } };
    for (const TagRecord& t : std::as_const(*tags))
        rows.append({ t.container + u':' + t.name, t.arch, CliFormat::bytes(t.image.size),
            CliFormat::shortDigest(t.image.digest), t.frozen ? QStringLiteral("yes") : QStringLiteral("no"),
            CliFormat::time(t.image.createdAt) });
    context.out << CliFormat::table(rows);
    return ExitOk;
}

} // namespace sreg
