#include "SifSniffer.h"

#include "SifLayout.h"
#include "SifNames.h"

namespace sreg::sif {

namespace {
bool startsWith(const QByteArray& bytes, qsizetype offset, QByteArrayView what)
{
    return offset >= 0 && offset + what.size() <= bytes.size()
        && QByteArrayView(bytes).sliced(offset, what.size()) == what;
}

// ext2/3/4 keep their superblock at 1024 with the magic 0xEF53 at +56. Singularity 2.x ext3 images put a
// launcher line before the file system, so the superblock moves by the launcher's length.
bool hasExtMagicAt(const QByteArray& bytes, qsizetype fsStart)
{
    const qsizetype at = fsStart + 1024 + 56;
    return at >= 0 && at + 2 <= bytes.size() && static_cast<unsigned char>(bytes[at]) == 0x53
        && static_cast<unsigned char>(bytes[at + 1]) == 0xEF;
}

QString notSif(const QString& what)
{
    return QStringLiteral("%1, not a SIF").arg(what);
}
} // namespace

QString SifSniffer::describe(const QByteArray& prefix, qint64 size)
{
    if (size == 0)
        return QStringLiteral("an empty file (0 bytes), not a SIF");
    if (startsWith(prefix, 0, "hsqs"))
        return notSif(QStringLiteral("a squashfs image (Singularity 2.x .simg)"));
    if (startsWith(prefix, 0, "sqsh"))
        return notSif(QStringLiteral("a big-endian squashfs image"));
    if (hasExtMagicAt(prefix, 0))
        return notSif(QStringLiteral("an ext2/3/4 file system image"));
    if (startsWith(prefix, 0, "#!")) {
        const qsizetype newline = prefix.indexOf('\n');
        if (newline > 0 && hasExtMagicAt(prefix, newline + 1))
            return notSif(QStringLiteral("a Singularity 2.x ext3 image"));
        // A SIF starts with the same launcher line, so a damaged magic is the likelier story here.
        if (!prefix.startsWith("#!/usr/bin/env run-singularity"))
            return notSif(QStringLiteral("a script"));
    }
    if (startsWith(prefix, 0, "\x1f\x8b"))
        return notSif(QStringLiteral("a gzip-compressed file"));
    if (startsWith(prefix, 0,
                   "\xfd"
                   "7zXZ"))
        return notSif(QStringLiteral("an xz-compressed file"));
    if (startsWith(prefix, 0, "\x28\xb5\x2f\xfd"))
        return notSif(QStringLiteral("a zstd-compressed file"));
    if (startsWith(prefix, 0, "BZh"))
        return notSif(QStringLiteral("a bzip2-compressed file"));
    if (startsWith(prefix, 257, "ustar"))
        return notSif(QStringLiteral("a tar archive (an OCI or Docker image archive?)"));
    if (startsWith(prefix, 0, "PK\x03\x04"))
        return notSif(QStringLiteral("a zip archive"));
    if (startsWith(prefix, 0,
                   "\x7f"
                   "ELF"))
        return notSif(QStringLiteral("an ELF executable"));
    if (startsWith(prefix, 0, "-----BEGIN PGP"))
        return notSif(QStringLiteral("an OpenPGP armored file"));
    const QByteArray head = prefix.left(512).trimmed().toLower();
    if (head.startsWith("<!doctype html") || head.startsWith("<html"))
        return notSif(QStringLiteral("an HTML page (a failed download?)"));
    if (head.startsWith("{") || head.startsWith("["))
        return notSif(QStringLiteral("a JSON document"));
    if (prefix.size() >= layout::MagicOffset + layout::MagicSize)
        return QStringLiteral("not a SIF: no SIF_MAGIC at offset %1 (found \"%2\")")
            .arg(layout::MagicOffset)
            .arg(SifNames::printable(prefix.mid(layout::MagicOffset, layout::MagicSize)));
    return QStringLiteral("not a SIF: no SIF_MAGIC at offset %1").arg(layout::MagicOffset);
}

} // namespace sreg::sif
