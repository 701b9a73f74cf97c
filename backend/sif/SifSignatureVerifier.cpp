#include "SifSignatureVerifier.h"

#include "SifIntegrity.h"
#include "SifLayout.h"
#include "SifSignatureEnvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sreg::sif {

namespace {
struct ParsedDigest
{
    EvpHasher::Algorithm algorithm;
    QByteArray bytes;
};

// "sha256:<hex>" as sif-metadata writes digests; the hex must be as long as the algorithm's output.
std::optional<ParsedDigest> parseDigest(const QString& text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    const std::optional<EvpHasher::Algorithm> algorithm = EvpHasher::fromDigestName(QStringView(text).left(colon));
    if (!algorithm)
        return std::nullopt;
    const QString hex = text.mid(colon + 1);
    for (const QChar c : hex)
        if (!c.isDigit() && !(c >= u'a' && c <= u'f') && !(c >= u'A' && c <= u'F'))
            return std::nullopt;
    const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
    if (bytes.size() * 2 != hex.size() || bytes.size() != EvpHasher::hash(*algorithm, {}).size())
        return std::nullopt;
    return ParsedDigest { *algorithm, bytes };
}

QString shortened(const QString& text)
{
    return text.size() > 80 ? text.left(77) + QStringLiteral("...") : text;
}
} // namespace

QList<SifSignature> SifSignatureVerifier::verify(const SifImage& image)
{
    SifSignatureVerifier verifier(image);
    QList<SifSignature> result;
    for (const SifDescriptor& d : image.objects()) {
        if (d.rawType != layout::TypeSignature)
            continue;
        if (result.size() < MaxSignatures) {
            result.append(verifier.verifyOne(d));
            continue;
        }
        SifSignature skipped;
        skipped.objectId = d.id;
        skipped.hashType = d.hashType;
        skipped.fingerprint = d.fingerprint;
        skipped.kindName = SifSignatureEnvelope::kindName(skipped.kind);
        skipped.mismatches.append(
            QStringLiteral("not checked: the image has more than %1 signatures").arg(MaxSignatures));
        result.append(skipped);
    }
    return result;
}

SifSignatureVerifier::SifSignatureVerifier(const SifImage& image) : m_image(image) { }

SifSignature SifSignatureVerifier::verifyOne(const SifDescriptor& signature)
{
    SifSignature result;
    result.objectId = signature.id;
    result.hashType = signature.hashType;
    result.fingerprint = signature.fingerprint;
    result.kindName = SifSignatureEnvelope::kindName(result.kind);
    const QList<const SifDescriptor*> objects = target(signature, result);
    if (!signature.readable) {
        result.mismatches.append(QStringLiteral("the signature object is damaged and was not read"));
        return result;
    }
    Result<QByteArray> data = m_image.readObject(signature.id, MaxSignatureBytes);
    if (!data) {
        result.mismatches.append(QStringLiteral("the signature object cannot be read: %1").arg(data.error().message()));
        return result;
    }
    const SifSignatureEnvelope envelope = SifSignatureEnvelope::unwrap(*data);
    result.kind = envelope.kind;
    result.kindName = SifSignatureEnvelope::kindName(envelope.kind);
    if (!envelope.error.isEmpty()) {
        result.mismatches.append(envelope.error);
        return result;
    }
    if (objects.isEmpty()) {
        result.mismatches.append(QStringLiteral("the signature's target (%1) holds no objects").arg(result.target));
        return result;
    }
    if (envelope.kind == SifSignature::Kind::LegacySifHash)
        checkLegacy(envelope.content, signature, objects, result);
    else
        checkMetadata(envelope.content, signature, objects, result);
    result.digestsMatch = result.metadataParsed && result.mismatches.isEmpty() && !result.coveredObjects.isEmpty();
    return result;
}

QList<const SifDescriptor*> SifSignatureVerifier::target(const SifDescriptor& signature, SifSignature& result) const
{
    QList<const SifDescriptor*> objects;
    if (const auto group = signature.linkedGroup()) {
        result.target = QStringLiteral("group %1").arg(*group);
        if (*group != 0)
            for (const SifDescriptor* d : m_image.objectsOfGroup(*group))
                if (d->rawType != layout::TypeSignature)
                    objects.append(d);
    } else if (const auto id = signature.linkedObject()) {
        result.target = QStringLiteral("object %1").arg(*id);
        if (const SifDescriptor* d = m_image.object(*id))
            objects.append(d);
    } else {
        result.target = QStringLiteral("nothing");
    }
    return objects;
}

std::optional<QByteArray> SifSignatureVerifier::objectDigest(const SifDescriptor& object,
                                                             EvpHasher::Algorithm algorithm, QString* error)
{
    const QString key = QStringLiteral("%1/%2").arg(object.slot).arg(int(algorithm));
    if (const auto it = m_objectDigests.constFind(key); it != m_objectDigests.cend())
        return *it;
    if (!object.readable) {
        *error = QStringLiteral("object %1 is damaged and cannot be hashed").arg(object.id);
        return std::nullopt;
    }
    Result<QByteArray> digest = EvpHasher::hashRange(algorithm, *m_image.source(), object.offset, object.size);
    if (!digest) {
        *error = QStringLiteral("object %1 cannot be hashed: %2").arg(object.id).arg(digest.error().message());
        return std::nullopt;
    }
    m_objectDigests.insert(key, *digest);
    return *digest;
}

void SifSignatureVerifier::checkLegacy(const QByteArray& hexDigest, const SifDescriptor& signature,
                                       const QList<const SifDescriptor*>& objects, SifSignature& result)
{
    result.signedDigest = QString::fromLatin1(hexDigest.left(256)).toLower();
    const std::optional<EvpHasher::Algorithm> algorithm = EvpHasher::fromSifHashType(signature.hashTypeCode);
    if (!algorithm) {
        result.mismatches.append(QStringLiteral("hash type %1 is not supported").arg(signature.hashType));
        return;
    }
    const QByteArray expected = QByteArray::fromHex(hexDigest);
    if (expected.isEmpty() || expected.toHex() != hexDigest.toLower()) {
        result.mismatches.append(QStringLiteral("the SIFHASH line does not hold a hex digest"));
        return;
    }
    result.metadataParsed = true;
    for (const SifDescriptor* object : objects) {
        result.coveredObjects.append(object->id);
        if (!object->readable) {
            result.mismatches.append(QStringLiteral("object %1 is damaged and cannot be hashed").arg(object->id));
            return;
        }
    }
    const QString key = QStringLiteral("%1/%2").arg(result.target).arg(int(*algorithm));
    if (!m_concatenationDigests.contains(key)) {
        EvpHasher hasher(*algorithm);
        QByteArray buffer(1024 * 1024, Qt::Uninitialized);
        for (const SifDescriptor* object : objects) {
            for (qint64 done = 0; done < object->size;) {
                const qint64 want = std::min<qint64>(buffer.size(), object->size - done);
                Result<qint64> n = m_image.source()->readAt(object->offset + done, buffer.data(), want);
                if (!n || *n <= 0) {
                    result.mismatches.append(QStringLiteral("object %1 cannot be read").arg(object->id));
                    return;
                }
                hasher.update(buffer.constData(), size_t(*n));
                done += *n;
            }
        }
        m_concatenationDigests.insert(key, hasher.finish());
    }
    if (m_concatenationDigests.value(key) != expected)
        result.mismatches.append(QStringLiteral("object digest: the data does not hash to the signed %1 %2")
                                     .arg(signature.hashType, shortened(result.signedDigest)));
}

void SifSignatureVerifier::checkMetadata(const QByteArray& json, const SifDescriptor& signature,
                                         const QList<const SifDescriptor*>& objects, SifSignature& result)
{
    Q_UNUSED(signature)
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonObject root = document.object();
    const QJsonValue objectList = root.value(QStringLiteral("objects"));
    if (!document.isObject() || !objectList.isArray()) {
        result.mismatches.append(QStringLiteral("the signed content is not sif-metadata JSON"));
        return;
    }
    result.metadataParsed = true;
    if (root.value(QStringLiteral("version")).toInt() != 1)
        result.mismatches.append(QStringLiteral("sif-metadata version %1 is not supported")
                                     .arg(shortened(root.value(QStringLiteral("version")).toVariant().toString())));

    const QString headerText
        = root.value(QStringLiteral("header")).toObject().value(QStringLiteral("digest")).toString();
    if (const auto header = parseDigest(headerText); !header)
        result.mismatches.append(QStringLiteral("header digest '%1' is malformed").arg(shortened(headerText)));
    else if (EvpHasher::hash(header->algorithm, SifIntegrity::headerBytes(m_image.header())) != header->bytes)
        result.mismatches.append(
            QStringLiteral("header digest does not match (launch script, magic, version or ID changed)"));

    // Relative IDs count from the smallest ID of the signed group (or of the object's own group).
    const quint32 minimum
        = SifIntegrity::minimumId(m_image, signature.linkedGroup().value_or(objects.first()->group()));
    const QJsonArray entries = objectList.toArray();
    if (entries.isEmpty())
        result.mismatches.append(QStringLiteral("the signed metadata lists no objects"));
    if (entries.size() > MaxMetadataObjects) {
        result.mismatches.append(
            QStringLiteral("the signed metadata lists %1 objects, more than checked").arg(entries.size()));
        return;
    }
    QSet<quint32> covered;
    QHash<qint64, const SifDescriptor*> byRelativeId;
    for (const SifDescriptor* candidate : objects)
        byRelativeId.insert(qint64(candidate->id) - qint64(minimum), candidate);
    for (const QJsonValue& value : entries) {
        const QJsonObject entry = value.toObject();
        const qint64 relative = entry.value(QStringLiteral("relativeId")).toInteger(-1);
        const SifDescriptor* object = relative >= 0 ? byRelativeId.value(relative) : nullptr;
        if (!object) {
            result.mismatches.append(
                QStringLiteral("relative ID %1 names no object of %2").arg(relative).arg(result.target));
            continue;
        }
        if (!covered.contains(object->id)) {
            covered.insert(object->id);
            result.coveredObjects.append(object->id);
        }
        const QString descriptorText = entry.value(QStringLiteral("descriptorDigest")).toString();
        if (const auto digest = parseDigest(descriptorText); !digest)
            result.mismatches.append(QStringLiteral("object %1: descriptor digest '%2' is malformed")
                                         .arg(object->id)
                                         .arg(shortened(descriptorText)));
        else if (EvpHasher::hash(digest->algorithm, SifIntegrity::descriptorBytes(*object, quint32(relative)))
                 != digest->bytes)
            result.mismatches.append(
                QStringLiteral("object %1: descriptor digest does not match (type, name, size, link, "
                               "creation time or extra changed)")
                    .arg(object->id));
        const QString objectText = entry.value(QStringLiteral("objectDigest")).toString();
        if (const auto digest = parseDigest(objectText); !digest) {
            result.mismatches.append(QStringLiteral("object %1: object digest '%2' is malformed")
                                         .arg(object->id)
                                         .arg(shortened(objectText)));
        } else {
            QString error;
            const std::optional<QByteArray> actual = objectDigest(*object, digest->algorithm, &error);
            if (!actual)
                result.mismatches.append(error);
            else if (*actual != digest->bytes)
                result.mismatches.append(
                    QStringLiteral("object %1: object digest does not match (the data changed)").arg(object->id));
        }
    }
    for (const SifDescriptor* object : objects)
        if (!covered.contains(object->id))
            result.uncoveredObjects.append(object->id);
}

} // namespace sreg::sif
