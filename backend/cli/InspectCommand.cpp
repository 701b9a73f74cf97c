#include "InspectCommand.h"

#include "CliArguments.h"
#include "CliFormat.h"
#include "common/FileByteSource.h"
#include "common/ImageRef.h"
#include "common/Sha256.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "sif/SifImage.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace sreg {

namespace {

Result<QString> hashSource(ByteSource& source)
{
    Sha256 hasher;
    QByteArray buffer(4 << 20, Qt::Uninitialized);
    for (qint64 offset = 0; offset < source.size();) {
        Result<qint64> n = source.readAt(offset, buffer.data(), buffer.size());
        if (!n)
            return n.error();
        if (*n == 0)
            break;
        hasher.update(buffer.constData(), size_t(*n));
        offset += *n;
    }
    return hasher.finish().toString();
}

void printText(QTextStream& out, const QJsonObject& report)
{
    const QJsonObject sif = report["sif"].toObject();
    const QJsonObject header = sif["header"].toObject();
    out << "Digest:        " << report["digest"].toString() << '\n';
    out << "Size:          " << CliFormat::bytes(qint64(report["size"].toDouble())) << " (" << qint64(report["size"].toDouble())
        << " bytes)\n";
    out << "Architecture:  " << report["arch"].toString() << '\n';
    if (report.contains("reference"))
        out << "Reference:     " << report["reference"].toString() << '\n';
    if (report.contains("tags"))
        out << "Tags:          " << report["tags"].toVariant().toStringList().join(QStringLiteral(", ")) << '\n';
    out << "SIF version:   " << header["version"].toString() << '\n';
    if (!header["id"].toString().isEmpty())
        out << "SIF id:        " << header["id"].toString() << '\n';
    out << "\nObjects:\n";
    QList<QStringList> rows { { QStringLiteral("ID"), QStringLiteral("GROUP"), QStringLiteral("LINK"),
        QStringLiteral("OFFSET"), QStringLiteral("SIZE"), QStringLiteral("TYPE"), QStringLiteral("NAME") } };
    for (const QJsonValue& value : sif["objects"].toArray()) {
        const QJsonObject object = value.toObject();
        const QJsonObject link = object["link"].toObject();
        const QString linkText = link.isEmpty()
            ? QStringLiteral("NONE")
            : QString::number(link["id"].toInt()) + (link["kind"].toString() == u"group" ? QStringLiteral(" (G)") : QString());
        const QString group = object["group"].isNull() ? QStringLiteral("NONE") : QString::number(object["group"].toInt());
        rows.append({ QString::number(object["id"].toInt()), group, linkText,
            QString::number(qint64(object["offset"].toDouble())), QString::number(qint64(object["size"].toDouble())),
            object["typeText"].toString(), object["name"].toString() });
    }
    QString table = CliFormat::table(rows);
    table.replace(QStringLiteral("\n"), QStringLiteral("\n  "));
    out << "  " << table.trimmed() << '\n';
    const QJsonObject metadata = sif["metadata"].toObject();
    const QJsonObject labels = metadata["labels"].toObject();
    if (!labels.isEmpty()) {
        out << "\nLabels:\n";
        for (auto it = labels.begin(); it != labels.end(); ++it)
            out << "  " << it.key() << ": " << it.value().toString() << '\n';
    }
    if (!metadata["deffile"].toString().isEmpty())
        out << "\nDefinition file:\n" << metadata["deffile"].toString().trimmed() << '\n';
    const QJsonArray problems = sif["problems"].toArray();
    if (!problems.isEmpty()) {
        out << "\nProblems:\n";
        for (const QJsonValue& value : problems)
            out << "  " << value.toObject()["severity"].toString() << ": " << value.toObject()["message"].toString() << '\n';
    }
}

} // namespace

int InspectCommand::run(CliContext& context, const QStringList& args)
{
    CliArguments arguments(synopsis());
    arguments.parser().addOption({ QStringLiteral("json"), QStringLiteral("Print JSON.") });
    arguments.parser().addOption({ QStringLiteral("arch"), QStringLiteral("Architecture to inspect."), QStringLiteral("ARCH") });
    if (!arguments.parse(context, args, 1, 1))
        return arguments.usageStatus();
    const QString target = arguments.positional().at(0);
    QJsonObject report;

    if (QFileInfo(target).isFile()) {
        Result<std::unique_ptr<FileByteSource>> file = FileByteSource::open(target);
        if (!file)
            return context.fail(file.error());
        std::shared_ptr<ByteSource> source(std::move(*file));
        Result<sif::SifImage> image = sif::SifImage::open(source);
        if (!image)
            return context.fail(image.error());
        Result<QString> digest = hashSource(*source);
        if (!digest)
            return context.fail(digest.error());
        report = { { "file", target }, { "digest", *digest }, { "size", double(source->size()) },
            { "arch", image->primaryArch() }, { "sif", image->toJson() } };
    } else {
        Result<ImageRef> ref = ImageRef::parse(target);
        if (!ref)
            return context.usage(ref.error().message() + QStringLiteral(" (and no such file)"));
        Result<std::shared_ptr<Registry>> registry = context.openRegistry();
        if (!registry)
            return context.fail(registry.error());
        const Actor actor = Actor::local();
        Result<ImageRecord> image = (*registry)->images().resolve(actor, *ref, arguments.value(QStringLiteral("arch")));
        if (!image)
            return context.fail(image.error());
        Result<QJsonObject> sif = (*registry)->images().sifMetadata(actor, *image);
        if (!sif)
            return context.fail(sif.error());
        report = { { "reference", image->collection + u'/' + image->container }, { "digest", image->digest },
            { "size", double(image->size) }, { "arch", image->arch }, { "tags", QJsonArray::fromStringList(image->tags) },
            { "sif", *sif } };
    }
    if (arguments.isSet(QStringLiteral("json")))
        context.out << QJsonDocument(report).toJson();
    else
        printText(context.out, report);
    return ExitOk;
}

} // namespace sreg
