#include "SifDescriptorDecoder.h"

#include "SifLayout.h"
#include "SifNames.h"

namespace sreg::sif {

namespace {
using layout::field;

QString fingerprintOf(const QByteArray& entity)
{
    const QByteArray first = entity.left(20);
    if (first.count('\0') == first.size())
        return {};
    return QString::fromLatin1(first.toHex().toUpper());
}

void decodeExtra(SifDescriptor& d)
{
    const QByteArray& x = d.extraRaw;
    switch (d.rawType) {
    case layout::TypePartition:
        d.fsTypeCode = field<qint32>(x, 0);
        d.partitionTypeCode = field<qint32>(x, 4);
        d.partitionArchRaw = x.mid(8, 3);
        d.fsType = SifNames::fsTypeName(d.fsTypeCode);
        d.partitionType = SifNames::partitionTypeName(d.partitionTypeCode);
        d.partitionArch = SifNames::archName(d.partitionArchRaw);
        break;
    case layout::TypeSignature:
        d.hashTypeCode = field<qint32>(x, 0);
        d.hashType = SifNames::hashTypeName(d.hashTypeCode);
        d.fingerprint = fingerprintOf(x.mid(4, 256));
        break;
    case layout::TypeCryptoMessage:
        d.cryptoFormatCode = field<qint32>(x, 0);
        d.cryptoMessageTypeCode = field<qint32>(x, 4);
        d.cryptoFormat = SifNames::cryptoFormatName(d.cryptoFormatCode);
        d.cryptoMessageType = SifNames::cryptoMessageTypeName(d.cryptoMessageTypeCode);
        break;
    case layout::TypeSbom:
        d.sbomFormatCode = field<qint32>(x, 0);
        d.sbomFormat = SifNames::sbomFormatName(d.sbomFormatCode);
        break;
    case layout::TypeOciRootIndex:
    case layout::TypeOciBlob:
        // NUL-terminated ASCII; whatever is not printable is escaped so a crafted value cannot inject text.
        d.ociDigest = SifNames::printable(SifNames::untilNul(x).left(128));
        break;
    default:
        break;
    }
}
} // namespace

SifDescriptor SifDescriptorDecoder::decode(int slot, const QByteArray& raw)
{
    SifDescriptor d;
    d.slot = slot;
    d.raw = raw;
    d.rawType = field<qint32>(raw, layout::DTypeOffset);
    d.usedRaw = static_cast<quint8>(raw.size() > layout::DUsedOffset ? raw[layout::DUsedOffset] : 0);
    d.id = field<quint32>(raw, layout::DIdOffset);
    d.groupRaw = field<quint32>(raw, layout::DGroupOffset);
    d.linkRaw = field<quint32>(raw, layout::DLinkOffset);
    d.offset = field<qint64>(raw, layout::DOffsetOffset);
    d.size = field<qint64>(raw, layout::DSizeOffset);
    d.sizeWithPadding = field<qint64>(raw, layout::DSizeWithPaddingOffset);
    d.createdAt = field<qint64>(raw, layout::DCreatedAtOffset);
    d.modifiedAt = field<qint64>(raw, layout::DModifiedAtOffset);
    d.uid = field<qint64>(raw, layout::DUidOffset);
    d.gid = field<qint64>(raw, layout::DGidOffset);
    d.nameRaw = SifNames::untilNul(raw.mid(layout::DNameOffset, layout::DNameSize));
    d.name = SifNames::decodeUtf8(d.nameRaw, &d.nameIsUtf8);
    d.extraRaw = raw.mid(layout::DExtraOffset, layout::DExtraSize);
    d.typeName = SifNames::dataTypeName(d.rawType);
    decodeExtra(d);
    d.typeText = SifNames::typeText(d);
    return d;
}

} // namespace sreg::sif
