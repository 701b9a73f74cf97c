#include "SifJsonWriter.h"

#include "SifLayout.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>

namespace sreg::sif {

namespace {
QJsonValue seconds(qint64 value, bool unset)
{
    return unset ? QJsonValue() : QJsonValue(value);
}

QJsonValue isoTime(qint64 value, bool unset)
{
    // QDateTime covers roughly ±292 million years; beyond that a crafted value is shown only as seconds.
    constexpr qint64 Limit = 9'000'000'000'000LL;
    if (unset || value < -Limit || value > Limit)
        return QJsonValue();
    return QDateTime::fromSecsSinceEpoch(value, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject stringMap(const QMap<QString, QString>& map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonArray ids(const QList<quint32>& list)
{
    QJsonArray array;
    for (quint32 id : list)
        array.append(qint64(id));
    return array;
}

QString severityName(SifProblem::Severity severity)
{
    return severity == SifProblem::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}
} // namespace

QJsonObject SifJsonWriter::header(const SifHeader& h)
{
    return QJsonObject {
        { QStringLiteral("launchScript"), h.launchScript },
        { QStringLiteral("version"), h.version },
        { QStringLiteral("arch"), h.arch },
        { QStringLiteral("archRaw"), QString::fromLatin1(h.archRaw.toHex()) },
        { QStringLiteral("id"), h.idIsNil ? QJsonValue() : QJsonValue(h.id.toString(QUuid::WithoutBraces)) },
        { QStringLiteral("createdAt"), seconds(h.createdAt, h.createdUnset) },
        { QStringLiteral("createdAtIso"), isoTime(h.createdAt, h.createdUnset) },
        { QStringLiteral("modifiedAt"), seconds(h.modifiedAt, h.modifiedUnset) },
        { QStringLiteral("modifiedAtIso"), isoTime(h.modifiedAt, h.modifiedUnset) },
        { QStringLiteral("descriptorsFree"), h.descriptorsFree },
        { QStringLiteral("descriptorsTotal"), h.descriptorsTotal },
        { QStringLiteral("descriptorsOffset"), h.descriptorsOffset },
        { QStringLiteral("descriptorsSize"), h.descriptorsSize },
        { QStringLiteral("dataOffset"), h.dataOffset },
        { QStringLiteral("dataSize"), h.dataSize },
        { QStringLiteral("fileSize"), h.fileSize },
    };
}

QJsonObject SifJsonWriter::object(const SifDescriptor& d, const QList<const SifProblem*>& problems)
{
    const bool createdUnset = d.createdAt == layout::GoZeroTime;
    const bool modifiedUnset = d.modifiedAt == layout::GoZeroTime;
    QJsonObject o {
        { QStringLiteral("slot"), d.slot },
        { QStringLiteral("id"), qint64(d.id) },
        { QStringLiteral("type"), d.typeName },
        { QStringLiteral("typeCode"), d.rawType },
        { QStringLiteral("typeText"), d.typeText },
        { QStringLiteral("group"), d.group() == 0 ? QJsonValue() : QJsonValue(qint64(d.group())) },
        { QStringLiteral("groupRaw"), qint64(d.groupRaw) },
        { QStringLiteral("linkRaw"), qint64(d.linkRaw) },
        { QStringLiteral("offset"), d.offset },
        { QStringLiteral("size"), d.size },
        { QStringLiteral("sizeWithPadding"), d.sizeWithPadding },
        { QStringLiteral("createdAt"), seconds(d.createdAt, createdUnset) },
        { QStringLiteral("createdAtIso"), isoTime(d.createdAt, createdUnset) },
        { QStringLiteral("modifiedAt"), seconds(d.modifiedAt, modifiedUnset) },
        { QStringLiteral("modifiedAtIso"), isoTime(d.modifiedAt, modifiedUnset) },
        { QStringLiteral("uid"), d.uid },
        { QStringLiteral("gid"), d.gid },
        { QStringLiteral("name"), d.name },
        { QStringLiteral("readable"), d.readable },
    };
    if (!d.nameIsUtf8)
        o.insert(QStringLiteral("nameRaw"), QString::fromLatin1(d.nameRaw.toHex()));
    if (const auto group = d.linkedGroup())
        o.insert(QStringLiteral("link"),
                 QJsonObject { { QStringLiteral("kind"), QStringLiteral("group") },
                               { QStringLiteral("id"), qint64(*group) } });
    else if (const auto object = d.linkedObject())
        o.insert(QStringLiteral("link"),
                 QJsonObject { { QStringLiteral("kind"), QStringLiteral("object") },
                               { QStringLiteral("id"), qint64(*object) } });
    else
        o.insert(QStringLiteral("link"), QJsonValue());
    switch (d.rawType) {
    case layout::TypePartition:
        o.insert(QStringLiteral("partition"),
                 QJsonObject { { QStringLiteral("fsType"), d.fsType },
                               { QStringLiteral("partitionType"), d.partitionType },
                               { QStringLiteral("arch"), d.partitionArch },
                               { QStringLiteral("archRaw"), QString::fromLatin1(d.partitionArchRaw.toHex()) },
                               { QStringLiteral("primary"), d.isPrimaryPartition() } });
        break;
    case layout::TypeSignature:
        o.insert(QStringLiteral("signature"),
                 QJsonObject { { QStringLiteral("hashType"), d.hashType },
                               { QStringLiteral("fingerprint"), d.fingerprint } });
        break;
    case layout::TypeCryptoMessage:
        o.insert(QStringLiteral("cryptoMessage"),
                 QJsonObject { { QStringLiteral("format"), d.cryptoFormat },
                               { QStringLiteral("messageType"), d.cryptoMessageType } });
        break;
    case layout::TypeSbom:
        o.insert(QStringLiteral("sbom"), QJsonObject { { QStringLiteral("format"), d.sbomFormat } });
        break;
    case layout::TypeOciRootIndex:
    case layout::TypeOciBlob:
        o.insert(QStringLiteral("ociDigest"), d.ociDigest);
        break;
    default: {
        // Library >= 2.11 allows custom binary metadata here: show it rather than hide it.
        QByteArray extra = d.extraRaw;
        while (extra.endsWith('\0'))
            extra.chop(1);
        if (!extra.isEmpty())
            o.insert(QStringLiteral("extraHex"), QString::fromLatin1(extra.toHex()));
    }
    }
    QJsonArray own;
    for (const SifProblem* p : problems)
        own.append(problem(*p));
    o.insert(QStringLiteral("problems"), own);
    return o;
}

QJsonObject SifJsonWriter::metadata(const SingularityMetadata& m)
{
    QJsonObject apps;
    for (auto it = m.apps.cbegin(); it != m.apps.cend(); ++it)
        apps.insert(it.key(), it.value());
    return QJsonObject {
        { QStringLiteral("deffile"), m.deffile },
        { QStringLiteral("deffileSource"), m.deffileSource },
        { QStringLiteral("labels"), stringMap(m.labels) },
        { QStringLiteral("labelsSource"), m.labelsSource },
        { QStringLiteral("environment"), stringMap(m.environment) },
        { QStringLiteral("runscript"), m.runscript },
        { QStringLiteral("startscript"), m.startscript },
        { QStringLiteral("test"), m.test },
        { QStringLiteral("help"), m.help },
        { QStringLiteral("scriptsSource"), m.scriptsSource },
        { QStringLiteral("apps"), apps },
        { QStringLiteral("ociConfig"), m.ociConfig },
    };
}

QJsonObject SifJsonWriter::signature(const SifSignature& s)
{
    return QJsonObject {
        { QStringLiteral("objectId"), qint64(s.objectId) },
        { QStringLiteral("kind"), s.kindName },
        { QStringLiteral("hashType"), s.hashType },
        { QStringLiteral("fingerprint"), s.fingerprint },
        { QStringLiteral("target"), s.target },
        { QStringLiteral("coveredObjects"), ids(s.coveredObjects) },
        { QStringLiteral("uncoveredObjects"), ids(s.uncoveredObjects) },
        { QStringLiteral("metadataParsed"), s.metadataParsed },
        { QStringLiteral("digestsMatch"), s.digestsMatch },
        { QStringLiteral("mismatches"), QJsonArray::fromStringList(s.mismatches) },
        { QStringLiteral("cryptographicallyVerified"), s.cryptographicallyVerified },
    };
}

QJsonObject SifJsonWriter::problem(const SifProblem& p)
{
    return QJsonObject {
        { QStringLiteral("severity"), severityName(p.severity) },
        { QStringLiteral("objectId"), p.objectId == 0 ? QJsonValue() : QJsonValue(qint64(p.objectId)) },
        { QStringLiteral("message"), p.message },
    };
}

QJsonObject SifJsonWriter::write(const SifImage& image)
{
    // Problems name their object by slot (or, from the metadata reader, by ID): group them once.
    QHash<int, QList<const SifProblem*>> bySlot;
    QHash<quint32, QList<const SifProblem*>> byId;
    for (const SifProblem& p : image.problems()) {
        if (p.slot >= 0)
            bySlot[p.slot].append(&p);
        else if (p.objectId != 0)
            byId[p.objectId].append(&p);
    }
    QJsonArray objects;
    for (const SifDescriptor& d : image.objects())
        objects.append(object(
            d, bySlot.value(d.slot) + (image.object(d.id) == &d ? byId.value(d.id) : QList<const SifProblem*>())));
    QJsonArray signatures;
    for (const SifSignature& s : image.signatures())
        signatures.append(signature(s));
    QJsonArray problems;
    for (const SifProblem& p : image.problems())
        problems.append(problem(p));
    const SifDescriptor* primary = image.primaryPartition();
    return QJsonObject {
        { QStringLiteral("format"), QStringLiteral("sif") },
        { QStringLiteral("header"), header(image.header()) },
        { QStringLiteral("primaryArch"), image.primaryArch() },
        { QStringLiteral("primaryPartition"), primary ? QJsonValue(qint64(primary->id)) : QJsonValue() },
        { QStringLiteral("objects"), objects },
        { QStringLiteral("metadata"), metadata(image.metadata()) },
        { QStringLiteral("signatures"), signatures },
        { QStringLiteral("problems"), problems },
        { QStringLiteral("hasErrors"), image.hasErrors() },
    };
}

} // namespace sreg::sif
