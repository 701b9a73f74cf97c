#include "SifNames.h"

#include "SifImage.h"
#include "SifLayout.h"

#include <QStringDecoder>
#include <iterator>

namespace sreg::sif::SifNames {

namespace {
QString unknown(qint32 code)
{
    return QStringLiteral("Unknown (%1)").arg(code);
}

QString siftoolName(const QString& name)
{
    return name.startsWith(QStringLiteral("Unknown")) ? QStringLiteral("Unknown") : name;
}
} // namespace

QString archName(const QByteArray& raw)
{
    static const char* const names[] = { "unknown", "386",    "amd64",  "arm",      "arm64", "ppc64",   "ppc64le",
                                         "mips",    "mipsle", "mips64", "mips64le", "s390x", "riscv64", "loong64" };
    // Exactly two ASCII digits and a NUL; the setprim bug's "amd" and any other spelling decode as unknown.
    if (raw.size() != 3 || raw[2] != '\0' || raw[0] < '0' || raw[0] > '9' || raw[1] < '0' || raw[1] > '9')
        return QStringLiteral("unknown");
    const int code = (raw[0] - '0') * 10 + (raw[1] - '0');
    if (code >= int(std::size(names)))
        return QStringLiteral("unknown");
    return QString::fromLatin1(names[code]);
}

QString dataTypeName(qint32 code)
{
    switch (code) {
    case layout::TypeDeffile:
        return QStringLiteral("Def.FILE");
    case layout::TypeEnvVars:
        return QStringLiteral("Env.Vars");
    case layout::TypeLabels:
        return QStringLiteral("JSON.Labels");
    case layout::TypePartition:
        return QStringLiteral("FS");
    case layout::TypeSignature:
        return QStringLiteral("Signature");
    case layout::TypeGenericJson:
        return QStringLiteral("JSON.Generic");
    case layout::TypeGeneric:
        return QStringLiteral("Generic/Raw");
    case layout::TypeCryptoMessage:
        return QStringLiteral("Cryptographic Message");
    case layout::TypeSbom:
        return QStringLiteral("SBOM");
    case layout::TypeOciRootIndex:
        return QStringLiteral("OCI.RootIndex");
    case layout::TypeOciBlob:
        return QStringLiteral("OCI.Blob");
    }
    return QStringLiteral("Unknown (0x%1)").arg(quint32(code), 0, 16);
}

QString fsTypeName(qint32 code)
{
    switch (code) {
    case layout::FsSquashfs:
        return QStringLiteral("Squashfs");
    case layout::FsExt3:
        return QStringLiteral("Ext3");
    case layout::FsImmutableArchive:
        return QStringLiteral("Archive");
    case layout::FsRaw:
        return QStringLiteral("Raw");
    case layout::FsEncryptedSquashfs:
        return QStringLiteral("Encrypted squashfs");
    }
    return unknown(code);
}

QString partitionTypeName(qint32 code)
{
    switch (code) {
    case layout::PartSystem:
        return QStringLiteral("System");
    case layout::PartPrimSys:
        return QStringLiteral("PrimSys");
    case layout::PartData:
        return QStringLiteral("Data");
    case layout::PartOverlay:
        return QStringLiteral("Overlay");
    }
    return unknown(code);
}

QString hashTypeName(qint32 code)
{
    switch (code) {
    case 1:
        return QStringLiteral("SHA-256");
    case 2:
        return QStringLiteral("SHA-384");
    case 3:
        return QStringLiteral("SHA-512");
    case 4:
        return QStringLiteral("BLAKE2s-256");
    case 5:
        return QStringLiteral("BLAKE2b-256");
    }
    return unknown(code);
}

QString cryptoFormatName(qint32 code)
{
    switch (code) {
    case 1:
        return QStringLiteral("OpenPGP");
    case 2:
        return QStringLiteral("PEM");
    }
    return unknown(code);
}

QString cryptoMessageTypeName(qint32 code)
{
    switch (code) {
    case 0x100:
        return QStringLiteral("Clear Signature");
    case 0x200:
        return QStringLiteral("RSA-OAEP");
    }
    return QStringLiteral("Unknown (0x%1)").arg(quint32(code), 0, 16);
}

QString sbomFormatName(qint32 code)
{
    static const char* const names[] = { nullptr,    "cyclonedx-json", "cyclonedx-xml", "github-json", "spdx-json",
                                         "spdx-rdf", "spdx-tag-value", "spdx-yaml",     "syft-json" };
    if (code >= 1 && code < qint32(std::size(names)))
        return QString::fromLatin1(names[code]);
    return unknown(code);
}

QString typeText(const SifDescriptor& d)
{
    const QString base = siftoolName(dataTypeName(d.rawType));
    switch (d.rawType) {
    case layout::TypePartition: {
        QString part = siftoolName(partitionTypeName(d.partitionTypeCode));
        if (d.partitionTypeCode == layout::PartPrimSys)
            part = QStringLiteral("*System");
        return QStringLiteral("%1 (%2/%3/%4)")
            .arg(base, siftoolName(fsTypeName(d.fsTypeCode)), part, archName(d.partitionArchRaw));
    }
    case layout::TypeSignature:
        return QStringLiteral("%1 (%2)").arg(base, siftoolName(hashTypeName(d.hashTypeCode)));
    case layout::TypeCryptoMessage:
        return QStringLiteral("%1 (%2/%3)")
            .arg(base, siftoolName(cryptoFormatName(d.cryptoFormatCode)),
                 siftoolName(cryptoMessageTypeName(d.cryptoMessageTypeCode)));
    case layout::TypeSbom:
        return QStringLiteral("%1 (%2)").arg(base, siftoolName(sbomFormatName(d.sbomFormatCode)));
    }
    return base;
}

QString decodeUtf8(const QByteArray& bytes, bool* valid)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (valid)
        *valid = !decoder.hasError();
    return text;
}

QByteArray untilNul(const QByteArray& field)
{
    const qsizetype nul = field.indexOf('\0');
    return nul < 0 ? field : field.left(nul);
}

QString printable(const QByteArray& bytes)
{
    QString text;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            text += QLatin1Char(c);
        else
            text += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return text;
}

} // namespace sreg::sif::SifNames
