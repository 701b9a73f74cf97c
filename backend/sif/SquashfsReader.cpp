#include "SquashfsReader.h"

#include "SifNames.h"
#include "SquashfsSourceFile.h"

#include <QMutex>
#include <QSet>
#include <algorithm>
#include <limits>
#include <optional>
#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/super.h>
#include <vector>

namespace sreg::sif {

namespace {
struct InodeDeleter
{
    void operator()(sqfs_inode_generic_t* inode) const { sqfs_free(inode); }
};
using InodePtr = std::unique_ptr<sqfs_inode_generic_t, InodeDeleter>;

constexpr qint64 SuperBlockSize = 96;
constexpr sqfs_u64 NoTable = ~sqfs_u64(0);
// A fragment entry is 16 bytes and libsquashfs allocates the whole table at once; no real image comes near
// four million fragments (one per small file), so more means a crafted count.
constexpr sqfs_u64 MaxFragments = 4u * 1024 * 1024;
constexpr int MaxSymlinkTarget = 4096;
constexpr int MaxPathSteps = 4096;

QString sqfsErrorText(int code)
{
    switch (code) {
    case SQFS_ERROR_ALLOC:
        return QStringLiteral("out of memory");
    case SQFS_ERROR_IO:
        return QStringLiteral("read error");
    case SQFS_ERROR_COMPRESSOR:
        return QStringLiteral("decompression failed");
    case SQFS_ERROR_CORRUPTED:
        return QStringLiteral("corrupted data");
    case SQFS_ERROR_UNSUPPORTED:
        return QStringLiteral("unsupported feature");
    case SQFS_ERROR_OVERFLOW:
        return QStringLiteral("numeric overflow");
    case SQFS_ERROR_OUT_OF_BOUNDS:
        return QStringLiteral("reference out of bounds");
    case SFQS_ERROR_SUPER_MAGIC:
        return QStringLiteral("bad super block magic");
    case SFQS_ERROR_SUPER_VERSION:
        return QStringLiteral("unsupported squashfs version");
    case SQFS_ERROR_SUPER_BLOCK_SIZE:
        return QStringLiteral("invalid block size");
    case SQFS_ERROR_NOT_DIR:
        return QStringLiteral("not a directory");
    case SQFS_ERROR_NO_ENTRY:
        return QStringLiteral("no such entry");
    case SQFS_ERROR_LINK_LOOP:
        return QStringLiteral("link loop");
    case SQFS_ERROR_NOT_FILE:
        return QStringLiteral("not a regular file");
    }
    return QStringLiteral("error %1").arg(code);
}

Error corrupted(int code, const QString& doing)
{
    if (code == SQFS_ERROR_ALLOC)
        return Error(ErrorCode::TooLarge, QStringLiteral("squashfs image: out of memory while %1").arg(doing));
    return Error(ErrorCode::BrokenSif,
                 QStringLiteral("corrupted squashfs image: %1 while %2").arg(sqfsErrorText(code), doing));
}

bool isDirectory(const sqfs_inode_generic_t* inode)
{
    return inode->base.type == SQFS_INODE_DIR || inode->base.type == SQFS_INODE_EXT_DIR;
}

bool isFile(const sqfs_inode_generic_t* inode)
{
    return inode->base.type == SQFS_INODE_FILE || inode->base.type == SQFS_INODE_EXT_FILE;
}

bool isSymlink(const sqfs_inode_generic_t* inode)
{
    return inode->base.type == SQFS_INODE_SLINK || inode->base.type == SQFS_INODE_EXT_SLINK;
}

QByteArray symlinkTarget(const sqfs_inode_generic_t* inode)
{
    // libsquashfs allocates target_size + 1 payload bytes for both symlink inode kinds.
    const sqfs_u32 length = std::min<sqfs_u32>(inode->data.slink.target_size, MaxSymlinkTarget);
    return QByteArray(reinterpret_cast<const char*>(inode->extra), int(length));
}

QStringList components(const QString& path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

QString joinPath(const QString& directory, const QString& name)
{
    return directory.endsWith(u'/') ? directory + name : directory + u'/' + name;
}

struct DirectoryKey
{
    sqfs_u32 block;
    sqfs_u32 offset;
    sqfs_u32 size;
};

DirectoryKey directoryKey(const sqfs_inode_generic_t* inode)
{
    if (inode->base.type == SQFS_INODE_EXT_DIR)
        return { inode->data.dir_ext.start_block, inode->data.dir_ext.offset, inode->data.dir_ext.size };
    return { inode->data.dir.start_block, inode->data.dir.offset, inode->data.dir.size };
}

QString checkSuper(const sqfs_super_t& s, qint64 available)
{
    if (s.bytes_used > sqfs_u64(available))
        return QStringLiteral("the image is truncated: its super block says %1 bytes, only %2 are there")
            .arg(s.bytes_used)
            .arg(available);
    if (s.inode_table_start < sqfs_u64(SuperBlockSize) || s.inode_table_start >= s.directory_table_start
        || s.directory_table_start >= s.bytes_used)
        return QStringLiteral("inode/directory table positions are inconsistent");
    if (s.id_table_start >= s.bytes_used)
        return QStringLiteral("ID table position is past the end of the image");
    if ((s.root_inode_ref >> 16) >= s.directory_table_start - s.inode_table_start
        || (s.root_inode_ref & 0xffff) >= 8192)
        return QStringLiteral("root inode reference is out of range");
    const bool hasFragments
        = !(s.flags & SQFS_FLAG_NO_FRAGMENTS) && s.fragment_table_start != NoTable && s.fragment_entry_count > 0;
    if (hasFragments) {
        if (s.fragment_table_start >= s.bytes_used)
            return QStringLiteral("fragment table position is past the end of the image");
        // The table's index alone needs 8 bytes per 512 entries between its start and the end of the image.
        const sqfs_u64 room = (s.bytes_used - s.fragment_table_start) * 64;
        if (s.fragment_entry_count > MaxFragments || s.fragment_entry_count > room)
            return QStringLiteral("fragment count %1 is implausible for the image").arg(s.fragment_entry_count);
    }
    return {};
}
} // namespace

struct SquashfsReader::Data
{
    explicit Data(std::shared_ptr<ByteSource> byteSource) : source(std::move(byteSource)), file(source.get()) { }
    ~Data()
    {
        sqfs_destroy(dataReader);
        sqfs_destroy(dirReader);
        sqfs_destroy(ids);
        sqfs_destroy(compressor);
    }

    Result<InodePtr> rootInode();
    Result<InodePtr> resolve(const QString& path, bool followLast, QString* resolvedPath);
    Result<std::vector<std::pair<SquashfsEntry, InodePtr>>>
    readDirectory(const sqfs_inode_generic_t* directory, const QString& directoryPath, bool keepDirectoryInodes);
    SquashfsEntry entryFor(const QString& name, const QString& path, const sqfs_inode_generic_t* inode) const;
    Status ensureDataReader();

    std::shared_ptr<ByteSource> source;
    SquashfsSourceFile file;
    sqfs_super_t super {};
    sqfs_compressor_t* compressor = nullptr;
    sqfs_id_table_t* ids = nullptr;
    sqfs_dir_reader_t* dirReader = nullptr;
    sqfs_data_reader_t* dataReader = nullptr;
    std::optional<Error> dataReaderError;
    SquashfsInfo info;
    QMutex mutex;
};

Result<InodePtr> SquashfsReader::Data::rootInode()
{
    sqfs_inode_generic_t* inode = nullptr;
    if (const int err = sqfs_dir_reader_get_root_inode(dirReader, &inode); err != 0)
        return corrupted(err, QStringLiteral("reading the root directory"));
    return InodePtr(inode);
}

Result<InodePtr> SquashfsReader::Data::resolve(const QString& path, bool followLast, QString* resolvedPath)
{
    Result<InodePtr> root = rootInode();
    if (!root)
        return root.error();
    std::vector<InodePtr> stack;
    stack.push_back(std::move(*root));
    QStringList names;
    QStringList pending = components(path);
    int hops = 0;
    int steps = 0;
    while (!pending.isEmpty()) {
        if (++steps > MaxPathSteps)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("path '%1' is too long to resolve").arg(path));
        const QString name = pending.takeFirst();
        if (name == u'.')
            continue;
        if (name == QStringLiteral("..")) {
            if (stack.size() > 1) {
                stack.pop_back();
                names.removeLast();
            }
            continue;
        }
        if (!isDirectory(stack.back().get()))
            return Error(ErrorCode::NotFound, QStringLiteral("'/%1' is not a directory").arg(names.join(u'/')));
        if (int err = sqfs_dir_reader_open_dir(dirReader, stack.back().get(), 0); err != 0)
            return corrupted(err, QStringLiteral("opening directory '/%1'").arg(names.join(u'/')));
        const QByteArray wanted = name.toUtf8();
        if (const int err = sqfs_dir_reader_find(dirReader, wanted.constData()); err != 0) {
            if (err == SQFS_ERROR_NO_ENTRY)
                return Error(ErrorCode::NotFound, QStringLiteral("no such file or directory: '%1'").arg(path));
            return corrupted(err, QStringLiteral("looking up '%1'").arg(path));
        }
        sqfs_inode_generic_t* raw = nullptr;
        if (const int err = sqfs_dir_reader_get_inode(dirReader, &raw); err != 0)
            return corrupted(err, QStringLiteral("reading the inode of '%1'").arg(path));
        InodePtr child(raw);
        if (isSymlink(child.get()) && (!pending.isEmpty() || followLast)) {
            if (++hops > MaxSymlinkHops)
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("too many levels of symbolic links in '%1'").arg(path));
            const QString target = SifNames::decodeUtf8(symlinkTarget(child.get()));
            if (target.startsWith(u'/')) {
                stack.resize(1);
                names.clear();
            }
            pending = components(target) + pending;
            continue;
        }
        stack.push_back(std::move(child));
        names.append(name);
    }
    if (resolvedPath)
        *resolvedPath = u'/' + names.join(u'/');
    return std::move(stack.back());
}

SquashfsEntry SquashfsReader::Data::entryFor(const QString& name, const QString& path,
                                             const sqfs_inode_generic_t* inode) const
{
    SquashfsEntry entry;
    entry.name = name;
    entry.path = path;
    entry.mode = inode->base.mode;
    entry.mtime = inode->base.mod_time;
    sqfs_u32 id = 0;
    if (sqfs_id_table_index_to_id(ids, inode->base.uid_idx, &id) == 0)
        entry.uid = id;
    if (sqfs_id_table_index_to_id(ids, inode->base.gid_idx, &id) == 0)
        entry.gid = id;
    if (isDirectory(inode)) {
        entry.type = SquashfsEntry::Type::Directory;
    } else if (isFile(inode)) {
        entry.type = SquashfsEntry::Type::File;
        sqfs_u64 size = 0;
        sqfs_inode_get_file_size(inode, &size);
        entry.size = qint64(std::min<sqfs_u64>(size, sqfs_u64(std::numeric_limits<qint64>::max())));
    } else if (isSymlink(inode)) {
        entry.type = SquashfsEntry::Type::Symlink;
        entry.size = inode->data.slink.target_size;
        entry.symlinkTarget = SifNames::decodeUtf8(symlinkTarget(inode));
    }
    return entry;
}

Result<std::vector<std::pair<SquashfsEntry, InodePtr>>>
SquashfsReader::Data::readDirectory(const sqfs_inode_generic_t* directory, const QString& directoryPath,
                                    bool keepDirectoryInodes)
{
    if (const int err = sqfs_dir_reader_open_dir(dirReader, directory, 0); err != 0)
        return corrupted(err, QStringLiteral("opening directory '%1'").arg(directoryPath));
    std::vector<std::pair<SquashfsEntry, InodePtr>> entries;
    for (;;) {
        sqfs_dir_entry_t* raw = nullptr;
        const int status = sqfs_dir_reader_read(dirReader, &raw);
        if (status < 0)
            return corrupted(status, QStringLiteral("listing directory '%1'").arg(directoryPath));
        if (status > 0)
            break;
        const QByteArray nameBytes(reinterpret_cast<const char*>(raw->name), int(raw->size) + 1);
        sqfs_free(raw);
        if (entries.size() >= size_t(MaxEntriesPerDirectory))
            return Error(ErrorCode::TooLarge,
                         QStringLiteral("directory '%1' has more than %2 entries")
                             .arg(directoryPath)
                             .arg(MaxEntriesPerDirectory));
        sqfs_inode_generic_t* inode = nullptr;
        const QString name = SifNames::decodeUtf8(nameBytes);
        if (const int err = sqfs_dir_reader_get_inode(dirReader, &inode); err != 0)
            return corrupted(err, QStringLiteral("reading the inode of '%1'").arg(joinPath(directoryPath, name)));
        InodePtr owned(inode);
        SquashfsEntry entry = entryFor(name, joinPath(directoryPath, name), inode);
        if (!keepDirectoryInodes || entry.type != SquashfsEntry::Type::Directory)
            owned.reset();
        entries.emplace_back(std::move(entry), std::move(owned));
    }
    return entries;
}

Status SquashfsReader::Data::ensureDataReader()
{
    if (dataReader)
        return {};
    if (dataReaderError)
        return *dataReaderError;
    sqfs_data_reader_t* reader = sqfs_data_reader_create(file.file(), super.block_size, compressor, 0);
    if (!reader) {
        dataReaderError = Error(ErrorCode::Internal, QStringLiteral("cannot create a squashfs data reader"));
        return *dataReaderError;
    }
    if (const int err = sqfs_data_reader_load_fragment_table(reader, &super); err != 0) {
        sqfs_destroy(reader);
        dataReaderError = corrupted(err, QStringLiteral("reading the fragment table"));
        return *dataReaderError;
    }
    dataReader = reader;
    return {};
}

Result<SquashfsReader> SquashfsReader::open(std::shared_ptr<ByteSource> source)
{
    if (!source)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no data to read a squashfs image from"));
    Result<QByteArray> magic = source->read(0, std::min<qint64>(source->size(), 4));
    if (!magic)
        return magic.error();
    if (*magic != "hsqs")
        return Error(ErrorCode::InvalidArgument, QStringLiteral("not a squashfs image: no 'hsqs' magic at offset 0"));
    if (source->size() < SuperBlockSize)
        return Error(
            ErrorCode::BrokenSif,
            QStringLiteral("corrupted squashfs image: %1 bytes cannot hold its super block").arg(source->size()));

    auto d = std::make_unique<Data>(std::move(source));
    if (const int err = sqfs_super_read(&d->super, d->file.file()); err != 0)
        return corrupted(err, QStringLiteral("reading the super block"));
    if (const QString why = checkSuper(d->super, d->source->size()); !why.isEmpty())
        return Error(ErrorCode::BrokenSif, QStringLiteral("corrupted squashfs image: %1").arg(why));

    const auto compression = static_cast<SQFS_COMPRESSOR>(d->super.compression_id);
    const char* compressionName = sqfs_compressor_name_from_id(compression);
    d->info.compression = compressionName ? QString::fromLatin1(compressionName) : QStringLiteral("unknown");
    d->info.blockSize = d->super.block_size;
    d->info.inodeCount = d->super.inode_count;
    d->info.bytesUsed = qint64(d->super.bytes_used);
    d->info.modificationTime = d->super.modification_time;

    sqfs_compressor_config_t config {};
    if (sqfs_compressor_config_init(&config, compression, d->super.block_size, SQFS_COMP_FLAG_UNCOMPRESS) != 0
        || sqfs_compressor_create(&config, &d->compressor) != 0 || !d->compressor)
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("squashfs compression '%1' is not supported").arg(d->info.compression));
    if (d->super.flags & SQFS_FLAG_COMPRESSOR_OPTIONS) {
        if (const int err = d->compressor->read_options(d->compressor, d->file.file()); err != 0)
            return corrupted(err, QStringLiteral("reading the compressor options"));
    }
    d->ids = sqfs_id_table_create(0);
    if (!d->ids)
        return Error(ErrorCode::Internal, QStringLiteral("cannot create a squashfs ID table"));
    if (const int err = sqfs_id_table_read(d->ids, d->file.file(), &d->super, d->compressor); err != 0)
        return corrupted(err, QStringLiteral("reading the ID table"));
    d->dirReader = sqfs_dir_reader_create(&d->super, d->compressor, d->file.file(), 0);
    if (!d->dirReader)
        return Error(ErrorCode::Internal, QStringLiteral("cannot create a squashfs directory reader"));
    Result<InodePtr> root = d->rootInode();
    if (!root)
        return root.error();
    if (!isDirectory(root->get()))
        return Error(ErrorCode::BrokenSif, QStringLiteral("corrupted squashfs image: the root is not a directory"));
    return SquashfsReader(std::move(d));
}

SquashfsReader::SquashfsReader(std::unique_ptr<Data> data) : d(std::move(data)) { }

SquashfsReader::SquashfsReader(SquashfsReader&&) noexcept = default;
SquashfsReader& SquashfsReader::operator=(SquashfsReader&&) noexcept = default;
SquashfsReader::~SquashfsReader() = default;

const SquashfsInfo& SquashfsReader::info() const
{
    return d->info;
}

Result<QList<SquashfsEntry>> SquashfsReader::list(const QString& path) const
{
    QMutexLocker lock(&d->mutex);
    QString resolved;
    Result<InodePtr> directory = d->resolve(path, true, &resolved);
    if (!directory)
        return directory.error();
    if (!isDirectory(directory->get()))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a directory").arg(path));
    auto entries = d->readDirectory(directory->get(), resolved, false);
    if (!entries)
        return entries.error();
    QList<SquashfsEntry> result;
    result.reserve(entries->size());
    for (auto& [entry, inode] : *entries)
        result.append(std::move(entry));
    return result;
}

Result<SquashfsEntry> SquashfsReader::stat(const QString& path) const
{
    QMutexLocker lock(&d->mutex);
    QString resolved;
    Result<InodePtr> inode = d->resolve(path, false, &resolved);
    if (!inode)
        return inode.error();
    const QString name = resolved == u'/' ? resolved : resolved.section(u'/', -1);
    return d->entryFor(name, resolved, inode->get());
}

Result<QByteArray> SquashfsReader::readFile(const QString& path, qint64 cap) const
{
    QMutexLocker lock(&d->mutex);
    Result<InodePtr> inode = d->resolve(path, true, nullptr);
    if (!inode)
        return inode.error();
    if (!isFile(inode->get()))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a regular file").arg(path));
    sqfs_u64 size = 0;
    sqfs_inode_get_file_size(inode->get(), &size);
    if (cap < 0 || size > sqfs_u64(cap))
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("'%1' is %2 bytes, more than the %3 bytes allowed").arg(path).arg(size).arg(cap));
    if (Status ready = d->ensureDataReader(); !ready)
        return ready.error();
    QByteArray bytes(qsizetype(size), Qt::Uninitialized);
    sqfs_u64 done = 0;
    while (done < size) {
        const sqfs_u32 chunk = sqfs_u32(std::min<sqfs_u64>(size - done, 1u << 20));
        const sqfs_s32 n = sqfs_data_reader_read(d->dataReader, inode->get(), done, bytes.data() + done, chunk);
        if (n < 0)
            return corrupted(n, QStringLiteral("reading '%1'").arg(path));
        if (n == 0)
            return Error(ErrorCode::BrokenSif, QStringLiteral("corrupted squashfs image: '%1' ends early").arg(path));
        done += sqfs_u64(n);
    }
    return bytes;
}

Result<QList<SquashfsEntry>> SquashfsReader::walk(const QString& path, int maxEntries) const
{
    QMutexLocker lock(&d->mutex);
    QString resolved;
    Result<InodePtr> start = d->resolve(path, true, &resolved);
    if (!start)
        return start.error();
    if (!isDirectory(start->get()))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not a directory").arg(path));
    struct Pending
    {
        InodePtr inode;
        QString path;
        int depth;
    };
    std::vector<Pending> stack;
    stack.push_back({ std::move(*start), resolved, 0 });
    QSet<QByteArray> visited;
    QList<SquashfsEntry> result;
    while (!stack.empty()) {
        Pending current = std::move(stack.back());
        stack.pop_back();
        const DirectoryKey key = directoryKey(current.inode.get());
        const QByteArray keyBytes(reinterpret_cast<const char*>(&key), sizeof key);
        if (visited.contains(keyBytes))
            continue;
        visited.insert(keyBytes);
        auto entries = d->readDirectory(current.inode.get(), current.path, current.depth + 1 < MaxDepth);
        if (!entries)
            return entries.error();
        // Push in reverse so the walk comes out in directory order.
        std::vector<Pending> children;
        for (auto& [entry, inode] : *entries) {
            if (result.size() >= maxEntries)
                return Error(ErrorCode::TooLarge,
                             QStringLiteral("more than %1 entries below '%2'").arg(maxEntries).arg(path));
            const bool enter = inode && !entry.name.isEmpty() && entry.name != u'.'
                && entry.name != QStringLiteral("..") && !entry.name.contains(u'/');
            if (enter)
                children.push_back({ std::move(inode), entry.path, current.depth + 1 });
            result.append(std::move(entry));
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back(std::move(*it));
    }
    return result;
}

} // namespace sreg::sif
