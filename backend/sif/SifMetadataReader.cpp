#include "SifMetadataReader.h"

#include "SifLayout.h"
#include "SifNames.h"
#include "SquashfsReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace sreg::sif {

namespace {
const QByteArray InspectMetadataName = QByteArrayLiteral("inspect-metadata.json");
const QByteArray OciConfigName = QByteArrayLiteral("oci-config.json");
const QString SingularityDir = QStringLiteral("/.singularity.d");

// Label values are strings in every writer; anything else is shown as its JSON text rather than dropped.
QString jsonText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QMap<QString, QString> stringMap(const QJsonObject& object)
{
    QMap<QString, QString> map;
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), jsonText(it.value()));
    return map;
}
} // namespace

SingularityMetadata SifMetadataReader::read(const SifImage& image, QList<SifProblem>& problems)
{
    SifMetadataReader reader(image, problems);
    reader.readDeffile();
    reader.readInspectMetadata();
    reader.readLabelsObject();
    reader.readOciConfig();
    reader.readRootFileSystem();
    return reader.m_metadata;
}

SifMetadataReader::SifMetadataReader(const SifImage& image, QList<SifProblem>& problems)
    : m_image(image), m_problems(problems)
{
}

void SifMetadataReader::warn(quint32 objectId, const QString& message)
{
    m_problems.append(SifProblem { SifProblem::Severity::Warning, objectId, message });
}

// Objects of the primary partition's group win over others, so a multi-image SIF shows its primary image.
const SifDescriptor* SifMetadataReader::preferred(qint32 type, const QByteArray& name) const
{
    const SifDescriptor* primary = m_image.primaryPartition();
    const SifDescriptor* first = nullptr;
    for (const SifDescriptor& d : m_image.objects()) {
        if (d.rawType != type || !d.readable || (!name.isNull() && d.nameRaw != name))
            continue;
        if (primary && d.group() == primary->group())
            return &d;
        if (!first)
            first = &d;
    }
    return first;
}

std::optional<QJsonObject> SifMetadataReader::parseJsonObject(const SifDescriptor& object, const QString& what)
{
    Result<QByteArray> bytes = m_image.readObject(object.id, MaxJsonBytes);
    if (!bytes) {
        warn(object.id, QStringLiteral("object %1: %2 not read: %3").arg(object.id).arg(what, bytes.error().message()));
        return std::nullopt;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        warn(object.id,
             QStringLiteral("object %1: %2 is not valid JSON (%3 at offset %4); ignored")
                 .arg(object.id)
                 .arg(what, error.errorString())
                 .arg(error.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        warn(object.id, QStringLiteral("object %1: %2 is not a JSON object; ignored").arg(object.id).arg(what));
        return std::nullopt;
    }
    return document.object();
}

void SifMetadataReader::readDeffile()
{
    const SifDescriptor* object = preferred(layout::TypeDeffile);
    if (!object)
        return;
    Result<QByteArray> bytes = m_image.readObject(object->id, MaxDeffileBytes);
    if (!bytes) {
        warn(object->id,
             QStringLiteral("object %1: definition file not read: %2").arg(object->id).arg(bytes.error().message()));
        return;
    }
    m_metadata.deffile = SifNames::decodeUtf8(*bytes);
    m_metadata.deffileSource = QStringLiteral("def-file-object");
}

void SifMetadataReader::readInspectMetadata()
{
    const SifDescriptor* object = preferred(layout::TypeGenericJson, InspectMetadataName);
    if (!object)
        return;
    const std::optional<QJsonObject> root = parseJsonObject(*object, QString::fromLatin1(InspectMetadataName));
    if (!root)
        return;
    m_haveInspectMetadata = true;
    const QJsonObject attributes
        = root->value(QStringLiteral("data")).toObject().value(QStringLiteral("attributes")).toObject();
    m_metadata.scriptsSource = QStringLiteral("inspect-metadata.json");
    if (attributes.contains(QStringLiteral("labels"))) {
        m_metadata.labels = stringMap(attributes.value(QStringLiteral("labels")).toObject());
        m_metadata.labelsSource = QStringLiteral("inspect-metadata.json");
    }
    m_metadata.environment = stringMap(attributes.value(QStringLiteral("environment")).toObject());
    m_metadata.runscript = jsonText(attributes.value(QStringLiteral("runscript")));
    m_metadata.startscript = jsonText(attributes.value(QStringLiteral("startscript")));
    m_metadata.test = jsonText(attributes.value(QStringLiteral("test")));
    m_metadata.help = jsonText(attributes.value(QStringLiteral("helpfile")));
    if (m_metadata.deffile.isEmpty() && attributes.contains(QStringLiteral("deffile"))) {
        m_metadata.deffile = jsonText(attributes.value(QStringLiteral("deffile")));
        m_metadata.deffileSource = QStringLiteral("inspect-metadata.json");
    }
    const QJsonObject apps = attributes.value(QStringLiteral("apps")).toObject();
    for (auto it = apps.begin(); it != apps.end(); ++it)
        m_metadata.apps.insert(it.key(), it.value().toObject());
}

void SifMetadataReader::readLabelsObject()
{
    if (!m_metadata.labelsSource.isEmpty())
        return;
    const SifDescriptor* object = preferred(layout::TypeLabels);
    if (!object)
        return;
    const std::optional<QJsonObject> root = parseJsonObject(*object, QStringLiteral("JSON.Labels"));
    if (!root)
        return;
    // Early 3.0-era tools nested the labels per partition: {"system-partition": {...}, "<app>": {...}}.
    const QJsonValue nested = root->value(QStringLiteral("system-partition"));
    m_metadata.labels = stringMap(nested.isObject() ? nested.toObject() : *root);
    m_metadata.labelsSource = QStringLiteral("json-labels-object");
}

void SifMetadataReader::readOciConfig()
{
    const SifDescriptor* object = preferred(layout::TypeGenericJson, OciConfigName);
    if (!object)
        return;
    if (const std::optional<QJsonObject> root = parseJsonObject(*object, QString::fromLatin1(OciConfigName)))
        m_metadata.ociConfig = *root;
}

void SifMetadataReader::readRootFileSystem()
{
    const bool needLabels = m_metadata.labelsSource.isEmpty();
    const bool needDeffile = m_metadata.deffile.isEmpty();
    const bool needScripts = !m_haveInspectMetadata;
    if (!needLabels && !needDeffile && !needScripts)
        return;
    const SifDescriptor* partition = m_image.primaryPartition();
    if (!partition || !partition->readable || partition->fsTypeCode != layout::FsSquashfs) {
        partition = nullptr;
        for (const SifDescriptor& d : m_image.objects())
            if (d.rawType == layout::TypePartition && d.readable && d.fsTypeCode == layout::FsSquashfs
                && d.partitionTypeCode == layout::PartSystem) {
                partition = &d;
                break;
            }
    }
    if (!partition)
        return;
    std::shared_ptr<ByteSource> source = m_image.objectSource(partition->id);
    if (!source)
        return;
    Result<SquashfsReader> reader = SquashfsReader::open(source);
    if (!reader) {
        warn(partition->id,
             QStringLiteral("object %1: root file system not readable: %2")
                 .arg(partition->id)
                 .arg(reader.error().message()));
        return;
    }
    if (needLabels) {
        Result<QByteArray> bytes = reader->readFile(SingularityDir + QStringLiteral("/labels.json"), MaxJsonBytes);
        if (bytes) {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(*bytes, &error);
            if (error.error == QJsonParseError::NoError && document.isObject()) {
                m_metadata.labels = stringMap(document.object());
                m_metadata.labelsSource = QStringLiteral("squashfs");
            } else {
                warn(partition->id,
                     QStringLiteral("object %1: /.singularity.d/labels.json is not a valid JSON object; ignored")
                         .arg(partition->id));
            }
        }
    }
    if (needDeffile) {
        Result<QByteArray> bytes = reader->readFile(SingularityDir + QStringLiteral("/Singularity"), MaxDeffileBytes);
        if (bytes) {
            m_metadata.deffile = SifNames::decodeUtf8(*bytes);
            m_metadata.deffileSource = QStringLiteral("squashfs");
        }
    }
    if (needScripts)
        readScriptsFromRootFileSystem(*reader);
}

void SifMetadataReader::readScriptsFromRootFileSystem(const SquashfsReader& reader)
{
    bool found = false;
    const auto readScript = [&](const QString& name) -> std::optional<QString> {
        Result<QByteArray> bytes = reader.readFile(SingularityDir + u'/' + name, MaxScriptBytes);
        if (!bytes)
            return std::nullopt;
        found = true;
        QString text = SifNames::decodeUtf8(*bytes);
        // inspect-metadata.json stores the scripts without their final newline; match it.
        if (text.endsWith(u'\n'))
            text.chop(1);
        return text;
    };
    m_metadata.runscript = readScript(QStringLiteral("runscript")).value_or(QString());
    m_metadata.startscript = readScript(QStringLiteral("startscript")).value_or(QString());
    m_metadata.test = readScript(QStringLiteral("test")).value_or(QString());
    m_metadata.help = readScript(QStringLiteral("runscript.help")).value_or(QString());
    const QString envDir = SingularityDir + QStringLiteral("/env");
    Result<QList<SquashfsEntry>> entries = reader.list(envDir);
    if (entries) {
        int count = 0;
        for (const SquashfsEntry& entry : *entries) {
            if (entry.type != SquashfsEntry::Type::File || !entry.name.endsWith(QStringLiteral(".sh")))
                continue;
            if (++count > MaxEnvironmentFiles)
                break;
            if (std::optional<QString> text = readScript(QStringLiteral("env/") + entry.name))
                m_metadata.environment.insert(envDir + u'/' + entry.name, *text);
        }
    }
    if (found)
        m_metadata.scriptsSource = QStringLiteral("squashfs");
}

} // namespace sreg::sif
