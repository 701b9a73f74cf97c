#include "SifSignatureEnvelope.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sreg::sif {

namespace {
const QByteArray ClearSignedBegin = QByteArrayLiteral("-----BEGIN PGP SIGNED MESSAGE-----");
const QByteArray SignatureBegin = QByteArrayLiteral("-----BEGIN PGP SIGNATURE-----");
const QByteArray SifHashPrefix = QByteArrayLiteral("SIFHASH:");
const QString DssePayloadType = QStringLiteral("application/vnd.sylabs.sif-metadata+json");

SifSignatureEnvelope failed(SifSignature::Kind kind, const QString& error)
{
    SifSignatureEnvelope envelope;
    envelope.kind = kind;
    envelope.error = error;
    return envelope;
}

// RFC 4880 §7: armor headers up to the first empty line, then the dash-escaped text; the line break before
// the signature block belongs to the signature, not to the text.
SifSignatureEnvelope unwrapClearSigned(const QByteArray& data)
{
    QList<QByteArray> lines = data.split('\n');
    for (QByteArray& line : lines)
        if (line.endsWith('\r'))
            line.chop(1);
    qsizetype i = 1;
    while (i < lines.size() && !lines[i].trimmed().isEmpty())
        ++i;
    ++i;
    QList<QByteArray> text;
    bool signatureFound = false;
    for (; i < lines.size(); ++i) {
        if (lines[i].startsWith(SignatureBegin)) {
            signatureFound = true;
            break;
        }
        text.append(lines[i].startsWith("- ") ? lines[i].mid(2) : lines[i]);
    }
    if (!signatureFound)
        return failed(SifSignature::Kind::PgpClearsign, QStringLiteral("clear-signed message has no signature block"));
    const QByteArray plain = text.join('\n');
    SifSignatureEnvelope envelope;
    if (plain.startsWith(SifHashPrefix)) {
        envelope.kind = SifSignature::Kind::LegacySifHash;
        envelope.content = plain.mid(SifHashPrefix.size()).trimmed();
    } else {
        envelope.kind = SifSignature::Kind::PgpClearsign;
        envelope.content = plain;
    }
    return envelope;
}

SifSignatureEnvelope unwrapDsse(const QJsonObject& root)
{
    const QString type = root.value(QStringLiteral("payloadType")).toString();
    if (type != DssePayloadType)
        return failed(SifSignature::Kind::Dsse,
                      QStringLiteral("DSSE payload type '%1' is not sif-metadata").arg(type.left(100)));
    const QByteArray encoded = root.value(QStringLiteral("payload")).toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        decoded = QByteArray::fromBase64Encoding(
            encoded, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return failed(SifSignature::Kind::Dsse, QStringLiteral("DSSE payload is not valid base64"));
    SifSignatureEnvelope envelope;
    envelope.kind = SifSignature::Kind::Dsse;
    envelope.content = *decoded;
    return envelope;
}
} // namespace

SifSignatureEnvelope SifSignatureEnvelope::unwrap(const QByteArray& data)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith(ClearSignedBegin))
        return unwrapClearSigned(trimmed);
    if (trimmed.startsWith('{')) {
        const QJsonDocument document = QJsonDocument::fromJson(trimmed);
        if (document.isObject() && document.object().contains(QStringLiteral("payloadType")))
            return unwrapDsse(document.object());
    }
    return failed(SifSignature::Kind::Unknown,
                  QStringLiteral("signature data is neither an OpenPGP clear-signed message nor a DSSE envelope"));
}

QString SifSignatureEnvelope::kindName(SifSignature::Kind kind)
{
    switch (kind) {
    case SifSignature::Kind::PgpClearsign:
        return QStringLiteral("PGP");
    case SifSignature::Kind::Dsse:
        return QStringLiteral("DSSE");
    case SifSignature::Kind::LegacySifHash:
        return QStringLiteral("legacy SIFHASH");
    case SifSignature::Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

} // namespace sreg::sif
