#pragma once

// Names of the SIF enumerations (reference/sif-format.md §2-§3), as siftool and the Go library print them.
// Unknown values are never an error: newer writers add codes (forward compatibility, §9 item 11).

#include <QByteArray>
#include <QString>

namespace sreg::sif {

struct SifDescriptor;

namespace SifNames {

QString archName(const QByteArray& raw); // "02\0" -> "amd64"; anything else (e.g. "amd") -> "unknown"
QString dataTypeName(qint32 code); // "Def.FILE", ..., "OCI.Blob", "Unknown (0x40ff)"
QString fsTypeName(qint32 code); // "Squashfs", ..., "Unknown (7)"
QString partitionTypeName(qint32 code); // "System", "PrimSys", "Data", "Overlay", "Unknown (n)"
QString hashTypeName(qint32 code); // "SHA-256", ..., "Unknown (n)"
QString cryptoFormatName(qint32 code); // "OpenPGP", "PEM", "Unknown (n)"
QString cryptoMessageTypeName(qint32 code); // "Clear Signature", "RSA-OAEP", "Unknown (0x...)"
QString sbomFormatName(qint32 code); // "cyclonedx-json", ..., "Unknown (n)"

// The TYPE column of `siftool list` for a descriptor, with the decoding of a current sif library (so OCI
// types are named, where Debian's siftool 2.8.3 prints "Unknown"). Unknown enum values print as "Unknown".
QString typeText(const SifDescriptor& descriptor);

// Lenient UTF-8: invalid sequences become U+FFFD. valid is set to whether the bytes were valid UTF-8.
QString decodeUtf8(const QByteArray& bytes, bool* valid = nullptr);
// Bytes up to the first NUL, never more than the field holds.
QByteArray untilNul(const QByteArray& field);
// Printable ASCII as is, everything else as \xNN: for quoting raw bytes in messages.
QString printable(const QByteArray& bytes);

} // namespace SifNames
} // namespace sreg::sif
