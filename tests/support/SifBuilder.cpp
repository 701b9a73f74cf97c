#include "SifBuilder.h"

#include "sif/SifLayout.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstring>
#include <map>

namespace sreg::test {

namespace {
using namespace sreg::sif;

constexpr quint32 SquashfsBlockSize = 131072;
constexpr quint16 SquashfsBlockLog = 17;
constexpr int MetaBlockSize = 8192;
constexpr qint64 WriteChunk = 1024 * 1024;

template<typename T> void put(QByteArray& bytes, T value)
{
    char buffer[sizeof(T)];
    layout::writeLittleEndian<T>(buffer, value);
    bytes.append(buffer, sizeof(T));
}

template<typename T> void patch(QByteArray& bytes, qsizetype at, T value)
{
    layout::writeLittleEndian<T>(bytes.data() + at, value);
}

// splitmix64: fast, seekable and good enough to make every generated image's bytes (and digest) unique.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// --- a minimal squashfs 4.0 writer: uncompressed metadata and data, no fragments, one ID (root) ---

struct SquashfsNode
{
    enum class Kind
    {
        Directory,
        File,
        Symlink,
    };
    Kind kind = Kind::Directory;
    QByteArray data; // file content or symlink target
    std::map<QByteArray, SquashfsNode> children; // sorted bytewise, as squashfs requires
    quint32 inodeNumber = 0;
    quint64 ref = 0;
    quint32 blocksStart = 0;
};

// Metadata is a stream cut into 8 KiB blocks, each stored with a 2-byte header (0x8000 = uncompressed).
// References address a block by its position in the table and a byte offset inside the block.
quint32 blockStartOf(qsizetype position)
{
    return quint32(position / MetaBlockSize * (MetaBlockSize + 2));
}

quint16 offsetOf(qsizetype position)
{
    return quint16(position % MetaBlockSize);
}

QByteArray metadataBlocks(const QByteArray& stream)
{
    QByteArray out;
    for (qsizetype at = 0; at < stream.size(); at += MetaBlockSize) {
        const QByteArray block = stream.mid(at, MetaBlockSize);
        put<quint16>(out, quint16(block.size() | 0x8000));
        out += block;
    }
    return out;
}

SquashfsNode& insertPath(SquashfsNode& root, const QString& path)
{
    SquashfsNode* node = &root;
    for (const QString& part : path.split(u'/', Qt::SkipEmptyParts))
        node = &node->children[part.toUtf8()];
    return *node;
}

void numberInodes(SquashfsNode& node, quint32& next)
{
    node.inodeNumber = next++;
    for (auto& [name, child] : node.children)
        numberInodes(child, next);
}

void writeFileData(SquashfsNode& node, QByteArray& image)
{
    if (node.kind == SquashfsNode::Kind::File) {
        node.blocksStart = quint32(image.size());
        image += node.data;
    }
    for (auto& [name, child] : node.children)
        writeFileData(child, image);
}

quint16 basicType(const SquashfsNode& node)
{
    switch (node.kind) {
    case SquashfsNode::Kind::Directory:
        return 1;
    case SquashfsNode::Kind::File:
        return 2;
    case SquashfsNode::Kind::Symlink:
        return 3;
    }
    return 2;
}

void inodeHeader(QByteArray& inodes, const SquashfsNode& node, quint16 mode, qint64 mtime)
{
    put<quint16>(inodes, basicType(node));
    put<quint16>(inodes, mode);
    put<quint16>(inodes, 0); // uid index
    put<quint16>(inodes, 0); // gid index
    put<quint32>(inodes, quint32(mtime));
    put<quint32>(inodes, node.inodeNumber);
}

void writeInodes(SquashfsNode& node, quint32 parentNumber, QByteArray& inodes, QByteArray& directories, qint64 mtime)
{
    if (node.kind == SquashfsNode::Kind::Directory) {
        int subdirectories = 0;
        for (auto& [name, child] : node.children) {
            writeInodes(child, node.inodeNumber, inodes, directories, mtime);
            subdirectories += child.kind == SquashfsNode::Kind::Directory;
        }
        const qsizetype listing = directories.size();
        qsizetype headerAt = -1;
        quint32 count = 0;
        quint32 headerBlock = 0;
        quint32 headerNumber = 0;
        for (auto& [name, child] : node.children) {
            const quint32 block = quint32(child.ref >> 16);
            const qint64 diff = qint64(child.inodeNumber) - qint64(headerNumber);
            if (headerAt < 0 || block != headerBlock || count == 256 || diff < -32767 || diff > 32767) {
                headerAt = directories.size();
                headerBlock = block;
                headerNumber = child.inodeNumber;
                count = 0;
                put<quint32>(directories, 0);
                put<quint32>(directories, headerBlock);
                put<quint32>(directories, headerNumber);
            }
            patch<quint32>(directories, headerAt, count++);
            put<quint16>(directories, quint16(child.ref & 0xffff));
            put<qint16>(directories, qint16(qint64(child.inodeNumber) - qint64(headerNumber)));
            put<quint16>(directories, basicType(child));
            put<quint16>(directories, quint16(name.size() - 1));
            directories += name;
        }
        const qsizetype position = inodes.size();
        node.ref = (quint64(blockStartOf(position)) << 16) | offsetOf(position);
        inodeHeader(inodes, node, 0755, mtime);
        put<quint32>(inodes, blockStartOf(listing));
        put<quint32>(inodes, quint32(2 + subdirectories));
        put<quint16>(inodes, quint16(directories.size() - listing + 3));
        put<quint16>(inodes, offsetOf(listing));
        put<quint32>(inodes, parentNumber);
        return;
    }
    const qsizetype position = inodes.size();
    node.ref = (quint64(blockStartOf(position)) << 16) | offsetOf(position);
    if (node.kind == SquashfsNode::Kind::Symlink) {
        inodeHeader(inodes, node, 0777, mtime);
        put<quint32>(inodes, 1);
        put<quint32>(inodes, quint32(node.data.size()));
        inodes += node.data;
        return;
    }
    inodeHeader(inodes, node, 0644, mtime);
    put<quint32>(inodes, node.blocksStart);
    put<quint32>(inodes, 0xffffffffu); // no fragment
    put<quint32>(inodes, 0);
    put<quint32>(inodes, quint32(node.data.size()));
    for (qsizetype at = 0; at < node.data.size(); at += SquashfsBlockSize)
        put<quint32>(inodes, quint32(std::min<qsizetype>(SquashfsBlockSize, node.data.size() - at)) | 0x01000000u);
}

QByteArray jsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject stringMapJson(const QMap<QString, QString>& map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QString chopNewline(QString text)
{
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}
} // namespace

QByteArray SifBuilder::squashfs(const QMap<QString, QByteArray>& files, const QMap<QString, QString>& symlinks,
                                qint64 mtime)
{
    SquashfsNode root;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        SquashfsNode& node = insertPath(root, it.key());
        node.kind = SquashfsNode::Kind::File;
        node.data = it.value();
    }
    for (auto it = symlinks.cbegin(); it != symlinks.cend(); ++it) {
        SquashfsNode& node = insertPath(root, it.key());
        node.kind = SquashfsNode::Kind::Symlink;
        node.data = it.value().toUtf8();
    }
    quint32 next = 1;
    numberInodes(root, next);
    const quint32 inodeCount = next - 1;

    QByteArray image(96, '\0');
    writeFileData(root, image);
    QByteArray inodes;
    QByteArray directories;
    writeInodes(root, inodeCount + 1, inodes, directories, mtime);

    const quint64 inodeTable = quint64(image.size());
    image += metadataBlocks(inodes);
    const quint64 directoryTable = quint64(image.size());
    image += metadataBlocks(directories);
    const quint64 idBlock = quint64(image.size());
    QByteArray ids;
    put<quint32>(ids, 0); // the only owner: root
    image += metadataBlocks(ids);
    const quint64 idTable = quint64(image.size());
    put<quint64>(image, idBlock);
    const quint64 bytesUsed = quint64(image.size());

    QByteArray super;
    put<quint32>(super, 0x73717368); // "hsqs"
    put<quint32>(super, inodeCount);
    put<quint32>(super, quint32(mtime));
    put<quint32>(super, SquashfsBlockSize);
    put<quint32>(super, 0); // fragments
    put<quint16>(super, 1); // gzip, although nothing is compressed
    put<quint16>(super, SquashfsBlockLog);
    put<quint16>(super, 0x0001 | 0x0002 | 0x0008 | 0x0010 | 0x0200); // uncompressed, no fragments, no xattrs
    put<quint16>(super, 1); // ID count
    put<quint16>(super, 4);
    put<quint16>(super, 0);
    put<quint64>(super, root.ref);
    put<quint64>(super, bytesUsed);
    put<quint64>(super, idTable);
    put<quint64>(super, ~quint64(0)); // xattr table
    put<quint64>(super, inodeTable);
    put<quint64>(super, directoryTable);
    put<quint64>(super, ~quint64(0)); // fragment table
    put<quint64>(super, ~quint64(0)); // export table
    std::memcpy(image.data(), super.constData(), size_t(super.size()));
    image.resize((image.size() + 4095) / 4096 * 4096, '\0');
    return image;
}

QByteArray SifBuilder::singularityRootfs(const QMap<QString, QString>& labels, const QString& runscript,
                                         const QString& deffile, qint64 mtime)
{
    QJsonObject labelsJson = stringMapJson(labels);
    const QMap<QString, QByteArray> files {
        { QStringLiteral("/.singularity.d/Singularity"), deffile.toUtf8() },
        { QStringLiteral("/.singularity.d/actions/run"),
          QByteArrayLiteral("#!/bin/sh\nexec /.singularity.d/runscript \"$@\"\n") },
        { QStringLiteral("/.singularity.d/env/90-environment.sh"), QByteArrayLiteral("#!/bin/sh\n") },
        { QStringLiteral("/.singularity.d/labels.json"), QJsonDocument(labelsJson).toJson() },
        { QStringLiteral("/.singularity.d/runscript"), runscript.toUtf8() },
        { QStringLiteral("/etc/hostname"), QByteArrayLiteral("sif-builder\n") },
    };
    const QMap<QString, QString> symlinks { { QStringLiteral("/.singularity.d/runscript.link"),
                                              QStringLiteral("runscript") } };
    return squashfs(files, symlinks, mtime);
}

SifBuilder::Generator SifBuilder::pseudoRandom(quint64 seed)
{
    // Byte p is byte p % 8 of word p / 8, so any chunk can be produced on its own (streaming, seeking).
    return [seed](char* buffer, qint64 offset, qint64 length) {
        qint64 i = 0;
        while (i < length) {
            const qint64 position = offset + i;
            const quint64 word = mix(seed ^ mix(quint64(position / 8)));
            const int first = int(position % 8);
            if (first == 0 && length - i >= 8) {
                layout::writeLittleEndian<quint64>(buffer + i, word);
                i += 8;
                continue;
            }
            const int take = int(std::min<qint64>(8 - first, length - i));
            for (int b = 0; b < take; ++b)
                buffer[i + b] = char((word >> (8 * (first + b))) & 0xff);
            i += take;
        }
    };
}

SifBuilder::SifBuilder() : m_id(QUuid(QStringLiteral("6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"))) { }

void SifBuilder::setArch(const QString& arch)
{
    m_arch = archCode(arch);
}

void SifBuilder::setLaunchScript(const QByteArray& script)
{
    m_launchScript = script.left(layout::LaunchScriptSize);
}

void SifBuilder::setId(const QUuid& id)
{
    m_id = id;
}

void SifBuilder::setTimes(qint64 seconds)
{
    m_time = seconds;
}

void SifBuilder::setDataOffset(qint64 offset)
{
    m_dataOffset = offset;
    layOut();
}

void SifBuilder::setDescriptorCapacity(int slotCount)
{
    const bool defaultOffset = m_dataOffset == 4096 + qint64(m_capacity) * layout::DescriptorSize;
    m_capacity = slotCount;
    if (defaultOffset)
        m_dataOffset = 4096 + qint64(m_capacity) * layout::DescriptorSize;
    layOut();
}

QByteArray SifBuilder::archCode(const QString& arch)
{
    static const QStringList names { QStringLiteral("unknown"), QStringLiteral("386"),      QStringLiteral("amd64"),
                                     QStringLiteral("arm"),     QStringLiteral("arm64"),    QStringLiteral("ppc64"),
                                     QStringLiteral("ppc64le"), QStringLiteral("mips"),     QStringLiteral("mipsle"),
                                     QStringLiteral("mips64"),  QStringLiteral("mips64le"), QStringLiteral("s390x"),
                                     QStringLiteral("riscv64"), QStringLiteral("loong64") };
    const qsizetype code = std::max<qsizetype>(0, names.indexOf(arch));
    return QStringLiteral("%1").arg(code, 2, 10, QLatin1Char('0')).toLatin1() + QByteArray(1, '\0');
}

quint32 SifBuilder::addObject(qint32 type, const QByteArray& data, quint32 group, const QByteArray& name,
                              const QByteArray& extra, quint32 linkRaw, qint64 alignment)
{
    return addGeneratedObject(
        type, data.size(),
        [data](char* buffer, qint64 offset, qint64 length) {
            std::memcpy(buffer, data.constData() + offset, size_t(length));
        },
        group, name, extra, linkRaw, alignment);
}

quint32 SifBuilder::addGeneratedObject(qint32 type, qint64 size, Generator generator, quint32 group,
                                       const QByteArray& name, const QByteArray& extra, quint32 linkRaw,
                                       qint64 alignment)
{
    Object object;
    object.type = type;
    object.id = quint32(m_objects.size() + 1);
    object.group = group;
    object.linkRaw = linkRaw;
    object.name = name.left(layout::DNameSize);
    object.extra = extra.left(layout::DExtraSize);
    object.size = size;
    object.generator = std::move(generator);
    object.alignment = alignment;
    m_objects.push_back(std::move(object));
    layOut();
    return m_objects.back().id;
}

quint32 SifBuilder::addDeffile(const QString& text, quint32 group)
{
    return addObject(layout::TypeDeffile, text.toUtf8(), group);
}

quint32 SifBuilder::addJson(const QByteArray& name, const QByteArray& json, quint32 group)
{
    return addObject(layout::TypeGenericJson, json, group, name);
}

quint32 SifBuilder::addInspectMetadata(const QMap<QString, QString>& labels, const QString& runscript,
                                       const QString& deffile, const QMap<QString, QString>& environment, quint32 group)
{
    QJsonObject attributes { { QStringLiteral("labels"), stringMapJson(labels) } };
    if (!environment.isEmpty())
        attributes.insert(QStringLiteral("environment"), stringMapJson(environment));
    if (!runscript.isEmpty())
        attributes.insert(QStringLiteral("runscript"), chopNewline(runscript));
    if (!deffile.isEmpty())
        attributes.insert(QStringLiteral("deffile"), chopNewline(deffile));
    const QJsonObject root { { QStringLiteral("data"), QJsonObject { { QStringLiteral("attributes"), attributes } } },
                             { QStringLiteral("type"), QStringLiteral("container") } };
    return addJson(QByteArrayLiteral("inspect-metadata.json"), jsonText(root), group);
}

quint32 SifBuilder::addPartition(const QByteArray& bytes, const QString& arch, PartitionType type, FsType fs,
                                 quint32 group)
{
    return addPartition(
        bytes.size(),
        [bytes](char* buffer, qint64 offset, qint64 length) {
            std::memcpy(buffer, bytes.constData() + offset, size_t(length));
        },
        arch, type, fs, group);
}

quint32 SifBuilder::addPartition(qint64 size, Generator generator, const QString& arch, PartitionType type, FsType fs,
                                 quint32 group)
{
    QByteArray extra(12, '\0');
    layout::writeLittleEndian<qint32>(extra.data(), qint32(fs));
    layout::writeLittleEndian<qint32>(extra.data() + 4, qint32(type));
    std::memcpy(extra.data() + 8, archCode(arch).constData(), 3);
    if (type == PartitionType::PrimSys)
        m_arch = archCode(arch);
    return addGeneratedObject(layout::TypePartition, size, std::move(generator), group, {}, extra, 0, 4096);
}

void SifBuilder::layOut()
{
    // Alignment is on the absolute file offset, so every gap depends on the data offset.
    qint64 position = m_dataOffset;
    for (Object& object : m_objects) {
        object.padding = object.alignment > 1 ? (object.alignment - position % object.alignment) % object.alignment : 0;
        position += object.padding + object.size;
    }
}

qint64 SifBuilder::totalSize() const
{
    qint64 position = m_dataOffset;
    for (const Object& object : m_objects)
        position += object.padding + object.size;
    return position;
}

QByteArray SifBuilder::headerAndDescriptors() const
{
    QByteArray bytes(m_dataOffset, '\0');
    std::memcpy(bytes.data(), m_launchScript.constData(), size_t(m_launchScript.size()));
    std::memcpy(bytes.data() + layout::MagicOffset, layout::Magic, layout::MagicSize);
    std::memcpy(bytes.data() + layout::VersionOffset, "01\0", 3);
    std::memcpy(bytes.data() + layout::ArchOffset, m_arch.constData(), 3);
    if (!m_id.isNull())
        std::memcpy(bytes.data() + layout::IdOffset, m_id.toRfc4122().constData(), layout::IdSize);
    const qint64 tableBytes = qint64(m_capacity) * layout::DescriptorSize;
    patch<qint64>(bytes, layout::CreatedAtOffset, m_time);
    patch<qint64>(bytes, layout::ModifiedAtOffset, m_time);
    patch<qint64>(bytes, layout::DescriptorsFreeOffset, m_capacity - qint64(m_objects.size()));
    patch<qint64>(bytes, layout::DescriptorsTotalOffset, m_capacity);
    patch<qint64>(bytes, layout::DescriptorsOffsetOffset, 4096);
    patch<qint64>(bytes, layout::DescriptorsSizeOffset, tableBytes);
    patch<qint64>(bytes, layout::DataOffsetOffset, m_dataOffset);
    patch<qint64>(bytes, layout::DataSizeOffset, totalSize() - m_dataOffset);
    qint64 position = m_dataOffset;
    for (size_t i = 0; i < m_objects.size(); ++i) {
        const Object& o = m_objects[i];
        const qsizetype at = 4096 + qsizetype(i) * layout::DescriptorSize;
        patch<qint32>(bytes, at + layout::DTypeOffset, o.type);
        bytes[at + layout::DUsedOffset] = 1;
        patch<quint32>(bytes, at + layout::DIdOffset, o.id);
        patch<quint32>(bytes, at + layout::DGroupOffset, layout::GroupFlag | o.group);
        patch<quint32>(bytes, at + layout::DLinkOffset, o.linkRaw);
        patch<qint64>(bytes, at + layout::DOffsetOffset, position + o.padding);
        patch<qint64>(bytes, at + layout::DSizeOffset, o.size);
        patch<qint64>(bytes, at + layout::DSizeWithPaddingOffset, o.padding + o.size);
        patch<qint64>(bytes, at + layout::DCreatedAtOffset, m_time);
        patch<qint64>(bytes, at + layout::DModifiedAtOffset, m_time);
        std::memcpy(bytes.data() + at + layout::DNameOffset, o.name.constData(), size_t(o.name.size()));
        std::memcpy(bytes.data() + at + layout::DExtraOffset, o.extra.constData(), size_t(o.extra.size()));
        position += o.padding + o.size;
    }
    return bytes;
}

Status SifBuilder::writeTo(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    const auto write = [&file](const char* data, qint64 size) {
        return file.write(data, size) == size;
    };
    const QByteArray head = headerAndDescriptors();
    bool ok = write(head.constData(), head.size());
    QByteArray buffer(WriteChunk, Qt::Uninitialized);
    for (const Object& object : m_objects) {
        if (!ok)
            break;
        const QByteArray gap(object.padding, '\0');
        ok = write(gap.constData(), gap.size());
        for (qint64 done = 0; ok && done < object.size; done += WriteChunk) {
            const qint64 length = std::min(WriteChunk, object.size - done);
            object.generator(buffer.data(), done, length);
            ok = write(buffer.constData(), length);
        }
    }
    if (!ok || !file.flush())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QByteArray SifBuilder::build() const
{
    QByteArray bytes = headerAndDescriptors();
    for (const Object& object : m_objects) {
        bytes.append(QByteArray(object.padding, '\0'));
        const qsizetype start = bytes.size();
        bytes.resize(start + object.size);
        if (object.size > 0)
            object.generator(bytes.data() + start, 0, object.size);
    }
    return bytes;
}

Status makeSif(const QString& path, qint64 totalApproxSize, quint64 seed, const QString& arch)
{
    const QString seedText = QString::number(seed);
    const QMap<QString, QString> labels { { QStringLiteral("org.label-schema.build-arch"), arch },
                                          { QStringLiteral("org.label-schema.schema-version"), QStringLiteral("1.0") },
                                          { QStringLiteral("org.label-schema.usage.singularity.version"),
                                            QStringLiteral("4.1.0") },
                                          { QStringLiteral("sreg.test.seed"), seedText } };
    const QString deffile = QStringLiteral("Bootstrap: scratch\n\n%labels\n    sreg.test.seed %1\n").arg(seedText);
    const QString runscript = QStringLiteral("#!/bin/sh\necho \"seed %1\"\n").arg(seedText);
    const QByteArray rootfs = SifBuilder::singularityRootfs(labels, runscript, deffile);

    SifBuilder builder;
    QByteArray id(16, '\0');
    SifBuilder::pseudoRandom(seed)(id.data(), 0, 16);
    id[6] = char((id[6] & 0x0f) | 0x40); // a version-4 UUID, as the Go library writes
    id[8] = char((id[8] & 0x3f) | 0x80);
    builder.setId(QUuid::fromRfc4122(id));
    builder.addDeffile(deffile);
    builder.addInspectMetadata(labels, runscript, deffile);
    const qint64 before = builder.totalSize();
    const qint64 aligned = (before + 4095) / 4096 * 4096;
    const qint64 partitionSize = std::max<qint64>(rootfs.size(), totalApproxSize - aligned);
    const SifBuilder::Generator random = SifBuilder::pseudoRandom(seed);
    builder.addPartition(
        partitionSize,
        [rootfs, random](char* buffer, qint64 offset, qint64 length) {
            const qint64 fromImage = std::clamp<qint64>(rootfs.size() - offset, 0, length);
            if (fromImage > 0)
                std::memcpy(buffer, rootfs.constData() + offset, size_t(fromImage));
            if (length > fromImage)
                random(buffer + fromImage, offset + fromImage, length - fromImage);
        },
        arch, SifBuilder::PartitionType::PrimSys, SifBuilder::FsType::Squashfs);
    return builder.writeTo(path);
}

} // namespace sreg::test
