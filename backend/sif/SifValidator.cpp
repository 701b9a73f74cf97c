#include "SifValidator.h"

#include "SifLayout.h"
#include "SifNames.h"
#include "common/Sha256.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace sreg::sif {

namespace {
// OCI blobs up to this size have their declared digest checked when the image is opened; bigger ones (layers)
// would make opening as slow as hashing the whole file.
constexpr qint64 OciDigestCheckLimit = 4 * 1024 * 1024;
} // namespace

void SifValidator::validate(SifImageContent& content)
{
    SifValidator(content).run();
}

SifValidator::SifValidator(SifImageContent& content) : m_content(content)
{
    const SifHeader& h = content.header;
    m_tableStart = h.descriptorsOffset;
    // The parser has checked that offset + total * 585 neither overflows nor passes the end of the file.
    m_tableEnd = h.descriptorsTotal > 0 ? h.descriptorsOffset + h.descriptorsTotal * layout::DescriptorSize : 0;
}

void SifValidator::run()
{
    checkHeader();
    for (int i = 0; i < m_content.objects.size(); ++i) {
        checkFields(i);
        checkRange(i);
    }
    checkOverlaps();
    checkDuplicateIds();
    checkLinks();
    checkPartitions();
    for (int i = 0; i < m_content.objects.size(); ++i)
        checkContent(i);
    checkDataSize();
}

QString SifValidator::where(int index) const
{
    const SifDescriptor& d = m_content.objects[index];
    if (d.id == 0)
        return QStringLiteral("object in slot %1").arg(d.slot);
    return QStringLiteral("object %1").arg(d.id);
}

void SifValidator::flag(int index, const QString& message)
{
    SifDescriptor& d = m_content.objects[index];
    d.readable = false;
    m_content.addProblem(SifProblem::Severity::Error, d.id, where(index) + QStringLiteral(": ") + message, d.slot);
}

void SifValidator::warn(int index, const QString& message)
{
    const SifDescriptor& d = m_content.objects[index];
    m_content.addProblem(SifProblem::Severity::Warning, d.id, where(index) + QStringLiteral(": ") + message, d.slot);
}

void SifValidator::checkHeader()
{
    const SifHeader& h = m_content.header;
    const qint64 used = m_content.objects.size();
    if (h.descriptorsFree != h.descriptorsTotal - used)
        m_content.addError(0,
                           QStringLiteral("descriptors free (%1) != total - used (%2)")
                               .arg(h.descriptorsFree)
                               .arg(h.descriptorsTotal - used));
    if (h.dataOffset < 0)
        m_content.addError(0, QStringLiteral("data offset is negative (%1)").arg(h.dataOffset));
    else if (h.dataOffset > h.fileSize)
        m_content.addError(
            0,
            QStringLiteral("data offset %1 is past the end of the file (%2 bytes)").arg(h.dataOffset).arg(h.fileSize));
    else if (h.dataOffset < layout::HeaderSize || (h.dataOffset >= m_tableStart && h.dataOffset < m_tableEnd))
        m_content.addError(0,
                           QStringLiteral("data offset %1 lies inside the header or the descriptor table (bytes %2-%3)")
                               .arg(h.dataOffset)
                               .arg(m_tableStart)
                               .arg(m_tableEnd));
    if (h.dataSize < 0)
        m_content.addError(0, QStringLiteral("data size is negative (%1)").arg(h.dataSize));
}

void SifValidator::checkFields(int index)
{
    const SifDescriptor& d = m_content.objects[index];
    if (d.usedRaw != 1)
        flag(index, QStringLiteral("used flag is 0x%1, expected 0 or 1").arg(d.usedRaw, 2, 16, QLatin1Char('0')));
    if (d.id == 0)
        flag(index, QStringLiteral("ID 0 is invalid (IDs start at 1)"));
    if (!d.nameIsUtf8)
        flag(index, QStringLiteral("name is not valid UTF-8: \"%1\"").arg(SifNames::printable(d.nameRaw)));
    if (d.size >= 0 && d.sizeWithPadding < d.size)
        flag(index,
             QStringLiteral("size with padding (%1) is smaller than size (%2)").arg(d.sizeWithPadding).arg(d.size));
    const quint32 groupFlags = d.groupRaw & layout::GroupFlag;
    if (d.groupRaw != 0 && groupFlags != layout::GroupFlag)
        warn(index,
             QStringLiteral("group field 0x%1 lacks the 0xf0000000 flag that writers set")
                 .arg(d.groupRaw, 8, 16, QLatin1Char('0')));
}

void SifValidator::checkRange(int index)
{
    const SifDescriptor& d = m_content.objects[index];
    const qint64 fileSize = m_content.header.fileSize;
    if (d.offset < 0) {
        flag(index, QStringLiteral("offset %1 is negative").arg(d.offset));
        return;
    }
    if (d.size < 0) {
        flag(index, QStringLiteral("size %1 is negative").arg(d.size));
        return;
    }
    qint64 end = 0;
    if (__builtin_add_overflow(d.offset, d.size, &end)) {
        flag(index, QStringLiteral("out of range: offset %1 + size %2 overflows").arg(d.offset).arg(d.size));
        return;
    }
    if (d.offset > fileSize) {
        flag(index,
             QStringLiteral("out of range: starts at %1, past end of file (%2 bytes)").arg(d.offset).arg(fileSize));
        return;
    }
    if (end > fileSize) {
        flag(index,
             QStringLiteral("extends past end of file (bytes %1-%2, the file has %3)")
                 .arg(d.offset)
                 .arg(end)
                 .arg(fileSize));
        return;
    }
    const bool inHeader = d.offset < layout::HeaderSize;
    const bool inTable = d.size > 0 && d.offset < m_tableEnd && end > m_tableStart;
    const bool inTableZero = d.size == 0 && d.offset >= m_tableStart && d.offset < m_tableEnd;
    if (d.offset < m_content.header.dataOffset || inHeader || inTable || inTableZero)
        flag(index,
             QStringLiteral("starts at %1, before the data section at %2 (inside the header/descriptor table)")
                 .arg(d.offset)
                 .arg(m_content.header.dataOffset));
}

void SifValidator::checkOverlaps()
{
    QList<int> order;
    for (int i = 0; i < m_content.objects.size(); ++i) {
        const SifDescriptor& d = m_content.objects[i];
        // Only objects whose range passed checkRange (no negative or past-EOF values) take part.
        if (d.offset >= 0 && d.size > 0 && d.offset <= m_content.header.fileSize
            && d.size <= m_content.header.fileSize - d.offset)
            order.append(i);
    }
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return m_content.objects[a].offset < m_content.objects[b].offset; });
    int reach = -1; // the object reaching furthest so far
    QList<std::pair<int, int>> pairs;
    for (int i : order) {
        if (reach >= 0 && m_content.objects[i].offset < m_content.objects[reach].end())
            pairs.append({ reach, i });
        if (reach < 0 || m_content.objects[i].end() > m_content.objects[reach].end())
            reach = i;
    }
    for (const auto& [a, b] : pairs) {
        const SifDescriptor& da = m_content.objects[a];
        const SifDescriptor& db = m_content.objects[b];
        flag(a, QStringLiteral("overlaps object %1 (bytes %2-%3)").arg(db.id).arg(db.offset).arg(db.end()));
        flag(b, QStringLiteral("overlaps object %1 (bytes %2-%3)").arg(da.id).arg(da.offset).arg(da.end()));
    }
}

void SifValidator::checkDuplicateIds()
{
    QHash<quint32, QList<int>> byId;
    for (int i = 0; i < m_content.objects.size(); ++i)
        if (m_content.objects[i].id != 0)
            byId[m_content.objects[i].id].append(i);
    for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
        if (it->size() < 2)
            continue;
        QStringList slotList;
        for (int i : *it)
            slotList.append(QString::number(m_content.objects[i].slot));
        for (int i : *it)
            flag(i,
                 QStringLiteral("duplicate ID %1 (slots %2; this is slot %3)")
                     .arg(it.key())
                     .arg(slotList.join(QStringLiteral(" and ")))
                     .arg(m_content.objects[i].slot));
    }
}

void SifValidator::checkLinks()
{
    QSet<quint32> ids;
    QSet<quint32> groups;
    for (const SifDescriptor& d : m_content.objects) {
        ids.insert(d.id);
        if (d.group() != 0)
            groups.insert(d.group());
    }
    for (int i = 0; i < m_content.objects.size(); ++i) {
        const SifDescriptor& d = m_content.objects[i];
        if (const auto object = d.linkedObject(); object && !ids.contains(*object))
            flag(i, QStringLiteral("dangling link: links to object %1, which does not exist").arg(*object));
        if (const auto group = d.linkedGroup(); group && !groups.contains(*group))
            flag(i, QStringLiteral("dangling link: links to group %1, which has no objects").arg(*group));
    }
}

void SifValidator::checkPartitions()
{
    int primary = -1;
    for (int i = 0; i < m_content.objects.size(); ++i) {
        if (!m_content.objects[i].isPrimaryPartition())
            continue;
        if (primary < 0)
            primary = i;
        else
            flag(i,
                 QStringLiteral("more than one primary (PrimSys) partition: object %1 is primary already")
                     .arg(m_content.objects[primary].id));
    }
    const SifHeader& h = m_content.header;
    if (primary >= 0) {
        const SifDescriptor& p = m_content.objects[primary];
        if (p.partitionArchRaw != h.archRaw)
            m_content.addProblem(
                SifProblem::Severity::Warning, p.id,
                QStringLiteral("header architecture %1 ('%2') differs from the primary partition's %3 ('%4'), as "
                               "siftool's setprim writes it")
                    .arg(h.arch, SifNames::printable(h.archRaw), p.partitionArch,
                         SifNames::printable(p.partitionArchRaw)),
                p.slot);
    } else if (h.arch != QStringLiteral("unknown")) {
        m_content.addWarning(
            0, QStringLiteral("header names architecture %1 but there is no primary partition").arg(h.arch));
    }
}

void SifValidator::checkContent(int index)
{
    const SifDescriptor& d = m_content.objects[index];
    if (!d.readable)
        return;
    if (d.rawType == layout::TypeOciRootIndex || d.rawType == layout::TypeOciBlob) {
        const std::optional<Digest> declared = Digest::fromString(d.ociDigest);
        if (!declared) {
            warn(index, QStringLiteral("OCI digest '%1' is not of the form sha256:<64 hex digits>").arg(d.ociDigest));
        } else if (d.size <= OciDigestCheckLimit) {
            Result<QByteArray> bytes = m_content.source->read(d.offset, d.size);
            const std::optional<Digest> actual = bytes ? std::optional<Digest>(Sha256::of(*bytes)) : std::nullopt;
            if (!actual)
                flag(index, QStringLiteral("cannot be read: %1").arg(bytes.error().message()));
            else if (*actual != *declared)
                flag(index,
                     QStringLiteral("OCI digest mismatch: the extra field says %1, the data hashes to sha256:%2")
                         .arg(d.ociDigest, actual->hex()));
        }
    }
    if (d.rawType == layout::TypePartition && d.fsTypeCode == layout::FsSquashfs) {
        Result<QByteArray> magic = m_content.source->read(d.offset, std::min<qint64>(d.size, 4));
        if (magic && *magic != "hsqs")
            warn(index, QStringLiteral("squashfs partition does not start with the squashfs magic 'hsqs'"));
    }
}

void SifValidator::checkDataSize()
{
    const SifHeader& h = m_content.header;
    if (h.dataOffset < 0 || h.dataSize < 0)
        return;
    qint64 lastEnd = h.dataOffset;
    for (const SifDescriptor& d : m_content.objects)
        if (d.readable)
            lastEnd = std::max(lastEnd, d.end());
    const qint64 recomputed = lastEnd - h.dataOffset;
    if (recomputed != h.dataSize)
        m_content.addWarning(
            0,
            QStringLiteral("data size (%1) differs from the end of the last object (%2 bytes after the data offset)")
                .arg(h.dataSize)
                .arg(recomputed));
}

} // namespace sreg::sif
