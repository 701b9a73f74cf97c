#include "SifParser.h"

#include "SifDescriptorDecoder.h"
#include "SifLayout.h"
#include "SifNames.h"
#include "SifSniffer.h"

#include <algorithm>

namespace sreg::sif {

namespace {
using layout::field;

Error broken(const QString& message)
{
    return Error(ErrorCode::BrokenSif, message);
}

bool allZero(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

// Reading the table in bounded chunks keeps memory flat however many slots a (plausible) table has.
constexpr qint64 SlotsPerChunk = 256;
} // namespace

Result<SifImageContent> SifParser::parse(std::shared_ptr<ByteSource> source)
{
    if (!source)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no data to read a SIF from"));
    const qint64 fileSize = source->size();
    if (fileSize < 0)
        return Error(ErrorCode::Io, QStringLiteral("the size of the data is unknown"));
    Result<QByteArray> prefix = source->read(0, std::min(fileSize, SifSniffer::PrefixSize));
    if (!prefix)
        return prefix.error().prefixed(QStringLiteral("reading the SIF header"));

    Result<SifHeader> header = parseHeader(*prefix, fileSize);
    if (!header)
        return header.error();

    SifImageContent content;
    content.source = std::move(source);
    content.header = std::move(*header);
    if (Status checked = checkTable(content.header, fileSize, content); !checked)
        return checked.error();
    if (Status read = readTable(content); !read)
        return read.error();
    return content;
}

Result<SifHeader> SifParser::parseHeader(const QByteArray& prefix, qint64 fileSize)
{
    const qint64 magicAvailable = std::clamp<qint64>(fileSize - layout::MagicOffset, 0, layout::MagicSize);
    const bool magicMatches = magicAvailable > 0
        && prefix.mid(layout::MagicOffset, magicAvailable) == QByteArray(layout::Magic, magicAvailable);
    if (!magicMatches)
        return Error(ErrorCode::NotSif, SifSniffer::describe(prefix, fileSize));
    if (fileSize < layout::HeaderSize)
        return broken(QStringLiteral("truncated header: the file has only %1 bytes, a SIF header needs %2")
                          .arg(fileSize)
                          .arg(layout::HeaderSize));

    SifHeader h;
    h.raw = prefix.left(layout::HeaderSize);
    h.fileSize = fileSize;
    h.versionRaw = h.raw.mid(layout::VersionOffset, layout::VersionSize);
    h.version = SifNames::printable(SifNames::untilNul(h.versionRaw));
    if (h.versionRaw != QByteArray("01\0", 3))
        return broken(QStringLiteral("unsupported SIF version '%1' (only '01' is defined)").arg(h.version));

    h.launchScriptRaw = SifNames::untilNul(h.raw.left(layout::LaunchScriptSize));
    h.launchScript = SifNames::decodeUtf8(h.launchScriptRaw);
    h.archRaw = h.raw.mid(layout::ArchOffset, layout::ArchSize);
    h.arch = SifNames::archName(h.archRaw);
    const QByteArray id = h.raw.mid(layout::IdOffset, layout::IdSize);
    h.idIsNil = allZero(id);
    h.id = h.idIsNil ? QUuid() : QUuid::fromRfc4122(id);
    h.createdAt = field<qint64>(h.raw, layout::CreatedAtOffset);
    h.modifiedAt = field<qint64>(h.raw, layout::ModifiedAtOffset);
    h.createdUnset = h.createdAt == layout::GoZeroTime;
    h.modifiedUnset = h.modifiedAt == layout::GoZeroTime;
    h.descriptorsFree = field<qint64>(h.raw, layout::DescriptorsFreeOffset);
    h.descriptorsTotal = field<qint64>(h.raw, layout::DescriptorsTotalOffset);
    h.descriptorsOffset = field<qint64>(h.raw, layout::DescriptorsOffsetOffset);
    h.descriptorsSize = field<qint64>(h.raw, layout::DescriptorsSizeOffset);
    h.dataOffset = field<qint64>(h.raw, layout::DataOffsetOffset);
    h.dataSize = field<qint64>(h.raw, layout::DataSizeOffset);
    return h;
}

Status SifParser::checkTable(const SifHeader& h, qint64 fileSize, SifImageContent& content)
{
    const qint64 total = h.descriptorsTotal;
    if (total < 0)
        return broken(QStringLiteral("descriptor count is negative (%1)").arg(total));
    if (h.descriptorsSize < 0)
        return broken(QStringLiteral("descriptors size is negative (%1)").arg(h.descriptorsSize));
    qint64 tableBytes = 0;
    if (__builtin_mul_overflow(total, layout::DescriptorSize, &tableBytes))
        return broken(QStringLiteral("descriptor count %1 overflows: %1 slots of %2 bytes do not fit in 64 bits")
                          .arg(total)
                          .arg(layout::DescriptorSize));
    if (tableBytes > h.descriptorsSize)
        return broken(QStringLiteral("descriptor count %1 needs %2 bytes, more than the descriptors size (%3)")
                          .arg(total)
                          .arg(tableBytes)
                          .arg(h.descriptorsSize));
    if (total == 0)
        return {};
    if (h.descriptorsOffset < layout::HeaderSize)
        return broken(QStringLiteral("descriptor table out of range: offset %1 lies inside the %2-byte header")
                          .arg(h.descriptorsOffset)
                          .arg(layout::HeaderSize));
    qint64 tableEnd = 0;
    if (__builtin_add_overflow(h.descriptorsOffset, tableBytes, &tableEnd))
        return broken(QStringLiteral("descriptor table out of range: offset %1 + %2 bytes overflows")
                          .arg(h.descriptorsOffset)
                          .arg(tableBytes));
    if (h.descriptorsOffset >= fileSize)
        return broken(
            QStringLiteral("descriptor table out of range: it starts at %1, past the end of the file (%2 bytes)")
                .arg(h.descriptorsOffset)
                .arg(fileSize));
    if (tableEnd > fileSize)
        return broken(QStringLiteral("descriptor table truncated: it needs bytes %1-%2 but the file has only %3 bytes")
                          .arg(h.descriptorsOffset)
                          .arg(tableEnd)
                          .arg(fileSize));
    if (total > layout::MaxDescriptors)
        return broken(QStringLiteral("descriptor table has %1 slots, more than the supported %2")
                          .arg(total)
                          .arg(layout::MaxDescriptors));
    if (h.descriptorsSize > tableBytes)
        content.addWarning(0,
                           QStringLiteral("descriptors size (%1) is larger than the %2 slots need (%3 bytes)")
                               .arg(h.descriptorsSize)
                               .arg(total)
                               .arg(tableBytes));
    return {};
}

Status SifParser::readTable(SifImageContent& content)
{
    const SifHeader& h = content.header;
    QList<int> dirtyUnusedSlots;
    for (qint64 first = 0; first < h.descriptorsTotal; first += SlotsPerChunk) {
        const qint64 count = std::min(SlotsPerChunk, h.descriptorsTotal - first);
        Result<QByteArray> chunk = content.source->read(h.descriptorsOffset + first * layout::DescriptorSize,
                                                        count * layout::DescriptorSize);
        if (!chunk)
            return chunk.error().prefixed(QStringLiteral("reading the descriptor table"));
        for (qint64 i = 0; i < count; ++i) {
            const QByteArray raw = chunk->mid(i * layout::DescriptorSize, layout::DescriptorSize);
            const int slot = int(first + i);
            if (raw[layout::DUsedOffset] != 0)
                content.objects.append(SifDescriptorDecoder::decode(slot, raw));
            else if (!allZero(raw))
                dirtyUnusedSlots.append(slot);
        }
    }
    if (!dirtyUnusedSlots.isEmpty()) {
        QStringList shown;
        for (int slot : dirtyUnusedSlots.mid(0, 10))
            shown.append(QString::number(slot));
        content.addWarning(0,
                           QStringLiteral("%1 unused descriptor slot(s) hold non-zero bytes (slot %2%3)")
                               .arg(dirtyUnusedSlots.size())
                               .arg(shown.join(QStringLiteral(", ")),
                                    dirtyUnusedSlots.size() > 10 ? QStringLiteral(", ...") : QString()));
    }
    return {};
}

} // namespace sreg::sif
