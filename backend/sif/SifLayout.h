#pragma once

// Byte layout of a SIF file (reference/sif-format.md §2 and §3). Every integer is little-endian and every
// structure packed, so fields are read from byte offsets rather than by overlaying C structs.

#include <QByteArray>
#include <QtGlobal>
#include <cstring>
#include <type_traits>

namespace sreg::sif::layout {

inline constexpr qint64 HeaderSize = 128;
inline constexpr qint64 DescriptorSize = 585;

// Global header fields.
inline constexpr int LaunchScriptOffset = 0;
inline constexpr int LaunchScriptSize = 32;
inline constexpr int MagicOffset = 32;
inline constexpr int MagicSize = 10;
inline constexpr char Magic[MagicSize + 1] = "SIF_MAGIC\0";
inline constexpr int VersionOffset = 42;
inline constexpr int VersionSize = 3;
inline constexpr int ArchOffset = 45;
inline constexpr int ArchSize = 3;
inline constexpr int IdOffset = 48;
inline constexpr int IdSize = 16;
inline constexpr int CreatedAtOffset = 64;
inline constexpr int ModifiedAtOffset = 72;
inline constexpr int DescriptorsFreeOffset = 80;
inline constexpr int DescriptorsTotalOffset = 88;
inline constexpr int DescriptorsOffsetOffset = 96;
inline constexpr int DescriptorsSizeOffset = 104;
inline constexpr int DataOffsetOffset = 112;
inline constexpr int DataSizeOffset = 120;

// Descriptor fields, relative to the start of a slot.
inline constexpr int DTypeOffset = 0;
inline constexpr int DUsedOffset = 4;
inline constexpr int DIdOffset = 5;
inline constexpr int DGroupOffset = 9;
inline constexpr int DLinkOffset = 13;
inline constexpr int DOffsetOffset = 17;
inline constexpr int DSizeOffset = 25;
inline constexpr int DSizeWithPaddingOffset = 33;
inline constexpr int DCreatedAtOffset = 41;
inline constexpr int DModifiedAtOffset = 49;
inline constexpr int DUidOffset = 57;
inline constexpr int DGidOffset = 65;
inline constexpr int DNameOffset = 73;
inline constexpr int DNameSize = 128;
inline constexpr int DExtraOffset = 201;
inline constexpr int DExtraSize = 384;

// Go's time.Time{}.Unix(): what deterministic images store instead of a real time.
inline constexpr qint64 GoZeroTime = -62135596800LL;

inline constexpr quint32 GroupFlag = 0xf0000000u;
inline constexpr quint32 GroupMask = 0x0fffffffu;

// Far above what any writer uses (48 by default), low enough that a crafted count cannot make us hold
// tens of megabytes of descriptors (a used slot costs about 1.5 KiB once decoded).
inline constexpr qint64 MaxDescriptors = 16384;

// Data types (§3).
inline constexpr qint32 TypeDeffile = 0x4001;
inline constexpr qint32 TypeEnvVars = 0x4002;
inline constexpr qint32 TypeLabels = 0x4003;
inline constexpr qint32 TypePartition = 0x4004;
inline constexpr qint32 TypeSignature = 0x4005;
inline constexpr qint32 TypeGenericJson = 0x4006;
inline constexpr qint32 TypeGeneric = 0x4007;
inline constexpr qint32 TypeCryptoMessage = 0x4008;
inline constexpr qint32 TypeSbom = 0x4009;
inline constexpr qint32 TypeOciRootIndex = 0x400A;
inline constexpr qint32 TypeOciBlob = 0x400B;

inline constexpr qint32 FsSquashfs = 1;
inline constexpr qint32 FsExt3 = 2;
inline constexpr qint32 FsImmutableArchive = 3;
inline constexpr qint32 FsRaw = 4;
inline constexpr qint32 FsEncryptedSquashfs = 5;

inline constexpr qint32 PartSystem = 1;
inline constexpr qint32 PartPrimSys = 2;
inline constexpr qint32 PartData = 3;
inline constexpr qint32 PartOverlay = 4;

template<typename T> T readLittleEndian(const char* bytes)
{
    static_assert(std::is_integral_v<T>);
    using U = std::make_unsigned_t<T>;
    U value = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
        value |= U(static_cast<unsigned char>(bytes[i])) << (8 * i);
    return static_cast<T>(value);
}

// Bounds-checked field reads: a field that does not fit in the buffer reads as zero, so that a caller
// handing in a short buffer gets a wrong value rather than an out-of-range read.
template<typename T> T field(const QByteArray& bytes, qsizetype offset)
{
    if (offset < 0 || offset + qsizetype(sizeof(T)) > bytes.size())
        return T(0);
    return readLittleEndian<T>(bytes.constData() + offset);
}

template<typename T> void writeLittleEndian(char* bytes, T value)
{
    using U = std::make_unsigned_t<T>;
    const U v = static_cast<U>(value);
    for (size_t i = 0; i < sizeof(T); ++i)
        bytes[i] = char((v >> (8 * i)) & 0xff);
}

} // namespace sreg::sif::layout
