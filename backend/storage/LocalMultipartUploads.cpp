#include "LocalMultipartUploads.h"

#include "FileLock.h"
#include "InPlacePartWriter.h"
#include "LocalBlobStore.h"
#include "LocalBlobWriter.h"
#include "MultipartAssembler.h"
#include "Posix.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sreg {
namespace {

constexpr qint64 MaxOptionsFileSize = 64 * 1024;

// Closes the part files opened for an assembly, however it ends.
struct OpenParts
{
    std::vector<MultipartAssembler::Input> inputs;
    ~OpenParts()
    {
        for (const MultipartAssembler::Input& input : inputs)
            Posix::close(input.fd);
    }
};

QString normalisedEtag(const QString& etag)
{
    QString text = etag.trimmed();
    if (text.size() >= 2 && text.startsWith(u'"') && text.endsWith(u'"'))
        text = text.mid(1, text.size() - 2);
    return text.toLower();
}

bool newer(const timespec& a, const timespec& b)
{
    return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec > b.tv_nsec;
}

// Parts written in place: the part size is fixed, so each part's range in the data file is known.
bool inPlace(const BlobWriteOptions& options)
{
    return options.partSize > 0 && options.expectedSize > 0 && options.expectedDigest.has_value();
}

int partCount(const BlobWriteOptions& options)
{
    return int((options.expectedSize + options.partSize - 1) / options.partSize);
}

// The length of part number (1-based) of an in-place upload; 0 past the last part.
qint64 partLength(const BlobWriteOptions& options, int number)
{
    const qint64 start = qint64(number - 1) * options.partSize;
    return start >= options.expectedSize ? 0 : std::min(options.partSize, options.expectedSize - start);
}

Error uploadGone(const QString& uploadId)
{
    return Error(ErrorCode::NotFound,
                 QStringLiteral("upload %1 does not exist (it was completed, aborted or expired)").arg(uploadId));
}

} // namespace

LocalMultipartUploads::LocalMultipartUploads(LocalBlobLayout layout) : m_layout(std::move(layout)) { }

Status LocalMultipartUploads::checkUpload(const QString& uploadId) const
{
    // The id becomes part of a path: only our own format gets that far.
    if (!LocalBlobLayout::isValidUploadId(uploadId))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not an upload id").arg(uploadId.left(80)));
    Result<struct stat> info = Posix::status(m_layout.uploadOptionsPath(uploadId));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : info.error();
    return {};
}

Result<QString> LocalMultipartUploads::create(const BlobWriteOptions& options) const
{
    const QString uploadId = LocalBlobLayout::newUploadId();
    Result<bool> made = Posix::makeDirectory(m_layout.uploadDir(uploadId));
    if (!made)
        return made.error();
    if (!*made)
        return Error(ErrorCode::Internal, QStringLiteral("upload id %1 was drawn twice").arg(uploadId));
    Status saved;
    if (inPlace(options)) {
        if (partCount(options) > LocalBlobLayout::MaxParts)
            saved = Error(ErrorCode::InvalidArgument, QStringLiteral("parts of %1 bytes make more than %2 parts")
                                                          .arg(options.partSize)
                                                          .arg(LocalBlobLayout::MaxParts));
        else
            saved = createDataFile(uploadId, options.expectedSize);
    }
    if (saved)
        saved = saveOptions(uploadId, options);
    if (saved)
        saved = Posix::syncDirectory(m_layout.uploadsDir());
    if (!saved) {
        (void)removeUpload(uploadId); // best effort: the error that matters is the one returned
        return saved.error();
    }
    return uploadId;
}

Status LocalMultipartUploads::createDataFile(const QString& uploadId, qint64 size) const
{
    const QString path = m_layout.uploadDataPath(uploadId);
    Result<int> fd = Posix::open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
    if (!fd)
        return fd.error();
    // Reserved now, so that a full disk is said before the first part rather than in the middle of one.
    Status made;
    if (::fallocate(*fd, 0, 0, off_t(size)) != 0) {
        if (errno == ENOSPC)
            made = Error(ErrorCode::Io, QStringLiteral("not enough space for %1 bytes in %2").arg(size).arg(path));
        else if (::ftruncate(*fd, off_t(size)) != 0) // a file system without fallocate
            made = Posix::ioError(QStringLiteral("cannot size"), path, errno);
    }
    if (made)
        made = Posix::syncData(*fd, path);
    Posix::close(*fd);
    return made;
}

Status LocalMultipartUploads::saveOptions(const QString& uploadId, const BlobWriteOptions& options) const
{
    QJsonObject json;
    json.insert(QStringLiteral("format"), 1);
    if (options.expectedDigest)
        json.insert(QStringLiteral("expectedDigest"), options.expectedDigest->toString());
    json.insert(QStringLiteral("expectedSize"), std::max<qint64>(options.expectedSize, -1));
    json.insert(QStringLiteral("maxSize"), std::max<qint64>(options.maxSize, -1));
    if (inPlace(options))
        json.insert(QStringLiteral("partSize"), options.partSize);
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);

    // Written aside and renamed, so that upload.json is either absent or complete.
    const QString finalPath = m_layout.uploadOptionsPath(uploadId);
    const QString path = finalPath + QStringLiteral(".new");
    Result<int> fd = Posix::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!fd)
        return fd.error();
    Status written = Posix::writeAll(*fd, bytes.constData(), size_t(bytes.size()), path);
    if (written)
        written = Posix::syncData(*fd, path);
    Posix::close(*fd);
    if (written && ::rename(Posix::native(path).constData(), Posix::native(finalPath).constData()) != 0)
        written = Posix::ioError(QStringLiteral("cannot rename"), path, errno);
    if (written)
        written = Posix::syncDirectory(m_layout.uploadDir(uploadId));
    if (!written)
        (void)Posix::removeFile(path); // best effort: the error that matters is the one returned
    return written;
}

Result<BlobWriteOptions> LocalMultipartUploads::loadOptions(const QString& uploadId) const
{
    const QString path = m_layout.uploadOptionsPath(uploadId);
    Result<int> fd = Posix::open(path, O_RDONLY);
    if (!fd)
        return fd.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : fd.error();
    QByteArray bytes(MaxOptionsFileSize, Qt::Uninitialized);
    ssize_t n;
    do {
        n = ::read(*fd, bytes.data(), size_t(bytes.size()));
    } while (n < 0 && errno == EINTR);
    const int error = errno;
    Posix::close(*fd);
    if (n < 0)
        return Posix::ioError(QStringLiteral("cannot read"), path, error);
    bytes.truncate(n);

    const Error corrupt(ErrorCode::Io, QStringLiteral("%1 is damaged").arg(path));
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return corrupt;
    const QJsonObject json = document.object();
    BlobWriteOptions options;
    const QJsonValue digest = json.value(QStringLiteral("expectedDigest"));
    if (!digest.isUndefined()) {
        options.expectedDigest = Digest::fromString(digest.toString());
        if (!options.expectedDigest)
            return corrupt;
    }
    const QJsonValue expectedSize = json.value(QStringLiteral("expectedSize"));
    const QJsonValue maxSize = json.value(QStringLiteral("maxSize"));
    if (json.value(QStringLiteral("format")).toInt() != 1 || !expectedSize.isDouble() || !maxSize.isDouble())
        return corrupt;
    options.expectedSize = expectedSize.toInteger(-2);
    options.maxSize = maxSize.toInteger(-2);
    options.partSize = json.value(QStringLiteral("partSize")).toInteger(-1);
    if (options.expectedSize < -1 || options.maxSize < -1 || options.partSize < -1 || options.partSize == 0)
        return corrupt;
    return options;
}

Result<std::unique_ptr<BlobWriter>> LocalMultipartUploads::beginPart(const QString& uploadId, int partNumber) const
{
    if (Status checked = checkUpload(uploadId); !checked)
        return checked.error();
    if (!LocalBlobLayout::isValidPartNumber(partNumber))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("part number %1 is outside 1..%2").arg(partNumber).arg(LocalBlobLayout::MaxParts));
    Result<BlobWriteOptions> options = loadOptions(uploadId);
    if (!options)
        return options.error();
    if (inPlace(*options))
        return beginPartInPlace(uploadId, partNumber, *options);
    BlobWriteOptions partOptions;
    partOptions.maxSize = options->maxSize; // no part can be larger than the whole
    LocalMultipartUploads uploads = *this;
    auto publish = [uploads, uploadId, partNumber](const QString& stagedPath, const Digest& digest, qint64) {
        return uploads.publishPart(uploadId, partNumber, stagedPath, digest);
    };
    Result<std::unique_ptr<LocalBlobWriter>> writer
        = LocalBlobWriter::create(m_layout.newTempPath(), partOptions, std::move(publish));
    if (!writer)
        return writer.error();
    return std::unique_ptr<BlobWriter>(std::move(*writer));
}

Result<std::unique_ptr<BlobWriter>> LocalMultipartUploads::beginPartInPlace(const QString& uploadId, int partNumber,
                                                                           const BlobWriteOptions& options) const
{
    const qint64 length = partLength(options, partNumber);
    if (length <= 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("part %1 is past the end: this upload has %2 parts")
                         .arg(partNumber)
                         .arg(partCount(options)));
    const QString dataPath = m_layout.uploadDataPath(uploadId);
    {
        // The part's old bytes are about to be overwritten: forget it first, so that a crash in the middle leaves
        // the part missing (to be sent again), never listed over other bytes.
        Result<FileLock> lock = FileLock::acquire(m_layout.uploadOptionsPath(uploadId));
        if (!lock)
            return lock.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : lock.error();
        if (Status forgotten = removePartFiles(uploadId, partNumber, std::nullopt); !forgotten)
            return forgotten.error();
        // A completion that failed after hashing may have left the data read-only; it is still ours to write.
        if (::chmod(Posix::native(dataPath).constData(), 0644) != 0)
            return errno == ENOENT ? Error(uploadGone(uploadId)) : Posix::ioError(QStringLiteral("cannot open"), dataPath, errno);
    }
    LocalMultipartUploads uploads = *this;
    auto commit = [uploads, uploadId, partNumber](const Digest& digest) -> Status {
        // The part's marker: an empty file named like a part file.
        const QString marker = uploads.m_layout.newTempPath();
        Result<int> fd = Posix::open(marker, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (!fd)
            return fd.error();
        Posix::close(*fd);
        Status published = uploads.publishPart(uploadId, partNumber, marker, digest);
        if (!published)
            (void)Posix::removeFile(marker);
        return published;
    };
    Result<std::unique_ptr<InPlacePartWriter>> writer = InPlacePartWriter::create(
        dataPath, qint64(partNumber - 1) * options.partSize, length, std::move(commit));
    if (!writer)
        return writer.error().code() == ErrorCode::NotFound ? Error(uploadGone(uploadId)) : writer.error();
    return std::unique_ptr<BlobWriter>(std::move(*writer));
}

Status LocalMultipartUploads::removePartFiles(const QString& uploadId, int partNumber,
                                              const std::optional<Digest>& keep) const
{
    const QString dir = m_layout.uploadDir(uploadId);
    Result<QStringList> names = Posix::listDirectory(dir);
    if (!names)
        return names.error();
    bool removedAny = false;
    for (const QString& name : *names) {
        const std::optional<LocalBlobLayout::PartFile> part = LocalBlobLayout::parsePartFileName(name);
        if (part && part->number == partNumber && (!keep || part->digest != *keep)) {
            if (Status removed = Posix::removeFile(dir + u'/' + name); !removed)
                return removed;
            removedAny = true;
        }
    }
    return removedAny ? Posix::syncDirectory(dir) : Status();
}

Status LocalMultipartUploads::publishPart(const QString& uploadId, int partNumber, const QString& stagedPath,
                                          const Digest& digest) const
{
    Result<FileLock> lock = FileLock::acquire(m_layout.uploadOptionsPath(uploadId));
    if (!lock)
        return lock.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : lock.error();
    const QString dir = m_layout.uploadDir(uploadId);
    const QString target = dir + u'/' + LocalBlobLayout::partFileName(partNumber, digest);
    if (::rename(Posix::native(stagedPath).constData(), Posix::native(target).constData()) != 0)
        return errno == ENOENT ? uploadGone(uploadId) : Posix::ioError(QStringLiteral("cannot store"), target, errno);
    // A re-sent part replaces the earlier one; the lock keeps two senders of one part from removing each other's.
    if (Status removed = removePartFiles(uploadId, partNumber, digest); !removed)
        return removed;
    return Posix::syncDirectory(dir);
}

Result<QMap<int, LocalMultipartUploads::StoredPart>> LocalMultipartUploads::scanParts(const QString& uploadId) const
{
    const QString dir = m_layout.uploadDir(uploadId);
    Result<QStringList> names = Posix::listDirectory(dir);
    if (!names)
        return names.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : names.error();
    QMap<int, StoredPart> parts;
    for (const QString& name : *names) {
        const std::optional<LocalBlobLayout::PartFile> part = LocalBlobLayout::parsePartFileName(name);
        if (!part)
            continue;
        const QString path = dir + u'/' + name;
        Result<struct stat> info = Posix::status(path);
        if (!info) {
            if (info.error().code() == ErrorCode::NotFound) // replaced while we looked
                continue;
            return info.error();
        }
        if (!S_ISREG(info->st_mode))
            continue;
        const auto known = parts.constFind(part->number);
        if (known != parts.constEnd() && !newer(info->st_mtim, known->modified))
            continue;
        parts.insert(part->number, StoredPart { part->digest, qint64(info->st_size), path, info->st_mtim });
    }
    return parts;
}

Result<QList<BlobPart>> LocalMultipartUploads::listParts(const QString& uploadId) const
{
    if (Status checked = checkUpload(uploadId); !checked)
        return checked.error();
    Result<BlobWriteOptions> options = loadOptions(uploadId);
    if (!options)
        return options.error();
    Result<QMap<int, StoredPart>> parts = scanParts(uploadId);
    if (!parts)
        return parts.error();
    QList<BlobPart> list;
    for (auto it = parts->constBegin(); it != parts->constEnd(); ++it)
        list.append(BlobPart { it.key(), inPlace(*options) ? partLength(*options, it.key()) : it->size,
                               it->digest.hex() });
    return list;
}

Result<std::unique_ptr<BlobWriter>> LocalMultipartUploads::complete(const QString& uploadId,
                                                                    const QList<BlobPart>& parts) const
{
    if (Status checked = checkUpload(uploadId); !checked)
        return checked.error();
    if (parts.isEmpty() || parts.size() > LocalBlobLayout::MaxParts)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("an upload consists of 1 to %1 parts, not %2")
                         .arg(LocalBlobLayout::MaxParts)
                         .arg(parts.size()));
    QList<BlobPart> sorted = parts;
    std::sort(sorted.begin(), sorted.end(), [](const BlobPart& a, const BlobPart& b) { return a.number < b.number; });
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        if (sorted[i].number != i + 1)
            return Error(ErrorCode::InvalidArgument,
                         i > 0 && sorted[i].number == sorted[i - 1].number
                             ? QStringLiteral("part %1 is listed twice").arg(sorted[i].number)
                             : QStringLiteral("the parts must be numbered 1 to %1 without gaps; part %2 is missing")
                                   .arg(sorted.size())
                                   .arg(i + 1));
    }
    Result<BlobWriteOptions> options = loadOptions(uploadId);
    if (!options)
        return options.error();
    if (inPlace(*options))
        return completeInPlace(uploadId, sorted, *options);

    OpenParts open;
    qint64 total = 0;
    {
        // Held while the parts are matched and opened, so that no re-sent part slips in between; the open
        // descriptors then keep exactly the verified files, whatever happens to their names afterwards.
        Result<FileLock> lock = FileLock::acquire(m_layout.uploadOptionsPath(uploadId));
        if (!lock)
            return lock.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : lock.error();
        Result<QMap<int, StoredPart>> stored = scanParts(uploadId);
        if (!stored)
            return stored.error();
        for (const BlobPart& part : sorted) {
            const auto found = stored->constFind(part.number);
            if (found == stored->constEnd())
                return Error(ErrorCode::InvalidArgument, QStringLiteral("part %1 was not uploaded").arg(part.number));
            if (normalisedEtag(part.etag) != found->digest.hex())
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("part %1: etag %2 does not match the uploaded part (%3)")
                                 .arg(part.number)
                                 .arg(part.etag.left(80), found->digest.hex()));
            Result<int> fd = Posix::open(found->path, O_RDONLY);
            if (!fd)
                return fd.error();
            struct stat info
            {
            };
            const bool statted = ::fstat(*fd, &info) == 0;
            const int error = errno;
            open.inputs.push_back(MultipartAssembler::Input { *fd, qint64(info.st_size), found->path });
            if (!statted)
                return Posix::ioError(QStringLiteral("cannot examine"), found->path, error);
            total += qint64(info.st_size);
        }
    }
    if (options->maxSize >= 0 && total > options->maxSize)
        return Error(
            ErrorCode::TooLarge,
            QStringLiteral("the parts add up to %1 bytes, over the limit of %2").arg(total).arg(options->maxSize));
    if (options->expectedSize >= 0 && total != options->expectedSize)
        return Error(ErrorCode::SizeMismatch,
                     QStringLiteral("the parts add up to %1 bytes, but %2 were announced")
                         .arg(total)
                         .arg(options->expectedSize));

    const QString tempPath = m_layout.newTempPath();
    Result<int> out = Posix::open(tempPath, O_RDWR | O_CREAT | O_EXCL, 0644);
    if (!out)
        return out.error();
    auto discard = [&](const Error& error) -> Error {
        Posix::close(*out);
        (void)Posix::removeFile(tempPath); // a leftover would be found by cleanupStale; report the cause
        return error;
    };
    if (total > 0 && ::fallocate(*out, FALLOC_FL_KEEP_SIZE, 0, off_t(total)) != 0 && errno == ENOSPC)
        return discard(
            Error(ErrorCode::Io, QStringLiteral("not enough space for %1 bytes in %2").arg(total).arg(tempPath)));
    Result<Digest> digest = MultipartAssembler::assemble(open.inputs, *out, tempPath);
    if (!digest)
        return discard(digest.error());
    if (options->expectedDigest && *options->expectedDigest != *digest)
        return discard(Error(ErrorCode::DigestMismatch,
                             QStringLiteral("the parts hash to %1, but %2 was announced")
                                 .arg(digest->toString(), options->expectedDigest->toString())));
    if (::fchmod(*out, 0444) != 0)
        return discard(Posix::ioError(QStringLiteral("cannot make read-only"), tempPath, errno));
    if (Status synced = Posix::syncData(*out, tempPath); !synced)
        return discard(synced.error());

    LocalMultipartUploads uploads = *this;
    auto publish = [uploads, uploadId](const QString& stagedPath, const Digest& blobDigest, qint64) {
        Status published = LocalBlobStore::publish(uploads.m_layout, stagedPath, blobDigest);
        if (published) {
            // The blob is safe; a leftover upload folder would only cost space until cleanupStale.
            if (Status removed = uploads.removeUpload(uploadId); !removed)
                qWarning("%s", qPrintable(removed.error().message()));
        }
        return published;
    };
    Result<std::unique_ptr<LocalBlobWriter>> writer
        = LocalBlobWriter::adoptFinished(tempPath, *out, *digest, total, std::move(publish));
    if (!writer)
        return writer.error();
    return std::unique_ptr<BlobWriter>(std::move(*writer));
}

Result<std::unique_ptr<BlobWriter>> LocalMultipartUploads::completeInPlace(const QString& uploadId,
                                                                          const QList<BlobPart>& sorted,
                                                                          const BlobWriteOptions& options) const
{
    if (sorted.size() != partCount(options))
        return Error(ErrorCode::SizeMismatch, QStringLiteral("%1 parts make up this upload, not %2")
                                                  .arg(partCount(options))
                                                  .arg(sorted.size()));
    const QString dataPath = m_layout.uploadDataPath(uploadId);
    // The blob is published under a second name of the data file (a hard link), so that a completion given up
    // later (its writer aborted) leaves the upload whole, as a failed completion must.
    const QString tempPath = m_layout.newTempPath();
    {
        // Held while the parts are matched and the data linked, so that no re-sent part slips in between;
        // the full hash below is checked against the expected digest in any case.
        Result<FileLock> lock = FileLock::acquire(m_layout.uploadOptionsPath(uploadId));
        if (!lock)
            return lock.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : lock.error();
        Result<QMap<int, StoredPart>> stored = scanParts(uploadId);
        if (!stored)
            return stored.error();
        for (const BlobPart& part : sorted) {
            const auto found = stored->constFind(part.number);
            if (found == stored->constEnd())
                return Error(ErrorCode::InvalidArgument, QStringLiteral("part %1 was not uploaded").arg(part.number));
            if (normalisedEtag(part.etag) != found->digest.hex())
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("part %1: etag %2 does not match the uploaded part (%3)")
                                 .arg(part.number)
                                 .arg(part.etag.left(80), found->digest.hex()));
        }
        if (::link(Posix::native(dataPath).constData(), Posix::native(tempPath).constData()) != 0)
            return errno == ENOENT ? uploadGone(uploadId) : Posix::ioError(QStringLiteral("cannot link"), dataPath, errno);
    }
    Result<int> fd = Posix::open(tempPath, O_RDONLY);
    if (!fd) {
        (void)Posix::removeFile(tempPath);
        return fd.error();
    }
    auto discard = [&](const Error& error) -> Error {
        Posix::close(*fd);
        (void)Posix::removeFile(tempPath); // the upload's own name stays
        return error;
    };
    Result<Digest> digest = MultipartAssembler::hash({ *fd, options.expectedSize, tempPath });
    if (!digest)
        return discard(digest.error());
    if (*options.expectedDigest != *digest)
        return discard(Error(ErrorCode::DigestMismatch,
                             QStringLiteral("the parts hash to %1, but %2 was announced")
                                 .arg(digest->toString(), options.expectedDigest->toString())));
    if (::fchmod(*fd, 0444) != 0)
        return discard(Posix::ioError(QStringLiteral("cannot make read-only"), tempPath, errno));
    if (Status synced = Posix::syncData(*fd, tempPath); !synced) // each part was synced; this is cheap
        return discard(synced.error());

    LocalMultipartUploads uploads = *this;
    auto publish = [uploads, uploadId](const QString& stagedPath, const Digest& blobDigest, qint64) {
        Status published = LocalBlobStore::publish(uploads.m_layout, stagedPath, blobDigest);
        if (published) {
            if (Status removed = uploads.removeUpload(uploadId); !removed)
                qWarning("%s", qPrintable(removed.error().message()));
        }
        return published;
    };
    Result<std::unique_ptr<LocalBlobWriter>> writer
        = LocalBlobWriter::adoptFinished(tempPath, *fd, *digest, options.expectedSize, std::move(publish));
    if (!writer)
        return writer.error();
    return std::unique_ptr<BlobWriter>(std::move(*writer));
}

Status LocalMultipartUploads::abort(const QString& uploadId) const
{
    if (Status checked = checkUpload(uploadId); !checked)
        return checked;
    return removeUpload(uploadId);
}

Status LocalMultipartUploads::removeUpload(const QString& uploadId) const
{
    const QString dir = m_layout.uploadDir(uploadId);
    // Without upload.json (a creation cut short) there is nobody to race with, so no lock is needed.
    Result<FileLock> lock = FileLock::acquire(m_layout.uploadOptionsPath(uploadId));
    if (!lock && lock.error().code() != ErrorCode::NotFound)
        return lock.error();
    // upload.json goes first: from then on, no new part can be published into this folder.
    if (Status removed = Posix::removeFile(m_layout.uploadOptionsPath(uploadId)); !removed)
        return removed;
    Result<QStringList> names = Posix::listDirectory(dir);
    if (!names)
        return names.error().code() == ErrorCode::NotFound ? Status() : Status(names.error());
    for (const QString& name : *names) {
        if (Status removed = Posix::removeFile(dir + u'/' + name); !removed)
            return removed;
    }
    return Posix::removeDirectory(dir);
}

Status LocalMultipartUploads::cleanupStale(std::chrono::seconds maxAge) const
{
    Result<QStringList> ids = Posix::listDirectory(m_layout.uploadsDir());
    if (!ids)
        return ids.error();
    const std::time_t cutoff = std::time(nullptr) - std::time_t(maxAge.count());
    Status result;
    for (const QString& uploadId : *ids) {
        if (!LocalBlobLayout::isValidUploadId(uploadId))
            continue; // not ours: leave it alone
        const QString dir = m_layout.uploadDir(uploadId);
        Result<struct stat> info = Posix::status(dir);
        if (!info || !S_ISDIR(info->st_mode))
            continue;
        // The folder's time moves whenever a part arrives; the files' times cover a rewritten upload.json.
        std::time_t touched = info->st_mtim.tv_sec;
        Result<QStringList> names = Posix::listDirectory(dir);
        for (const QString& name : names ? *names : QStringList()) {
            if (Result<struct stat> entry = Posix::status(dir + u'/' + name); entry)
                touched = std::max(touched, entry->st_mtim.tv_sec);
        }
        if (touched >= cutoff)
            continue;
        if (Status removed = removeUpload(uploadId); !removed && result)
            result = removed;
    }
    return result;
}

} // namespace sreg
