#include "ObjectMultipartUploads.h"

#include "ObjectBlobStore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <vector>

namespace sreg {
namespace {

constexpr qint64 MaxOptionsSize = 64 * 1024;
constexpr qint64 CopySlice = 4 * 1024 * 1024;

Error uploadGone(const QString& uploadId)
{
    return Error(ErrorCode::NotFound,
                 QStringLiteral("upload %1 does not exist (it was completed, aborted or expired)").arg(uploadId));
}

QString normalisedEtag(const QString& etag)
{
    QString text = etag.trimmed();
    if (text.size() >= 2 && text.startsWith(u'"') && text.endsWith(u'"'))
        text = text.mid(1, text.size() - 2);
    return text.toLower();
}

} // namespace

ObjectMultipartUploads::ObjectMultipartUploads(ObjectBlobStore& store) : m_store(store) { }

Status ObjectMultipartUploads::checkId(const QString& uploadId) const
{
    // The id becomes part of a key: only our own format gets that far.
    if (!ObjectKeyLayout::isValidUploadId(uploadId))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("'%1' is not an upload id").arg(uploadId.left(80)));
    return {};
}

Result<QString> ObjectMultipartUploads::create(const BlobWriteOptions& options)
{
    const QString uploadId = ObjectKeyLayout::newUploadId();
    QJsonObject json;
    json.insert(QStringLiteral("format"), 1);
    if (options.expectedDigest)
        json.insert(QStringLiteral("expectedDigest"), options.expectedDigest->toString());
    json.insert(QStringLiteral("expectedSize"), std::max<qint64>(options.expectedSize, -1));
    json.insert(QStringLiteral("maxSize"), std::max<qint64>(options.maxSize, -1));
    json.insert(QStringLiteral("created"), QDateTime::currentMSecsSinceEpoch());
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    Result<QByteArray> put
        = m_store.client().putObject(m_store.layout().uploadOptionsKey(uploadId), bytes.constData(), bytes.size());
    if (!put)
        return put.error();
    return uploadId;
}

Result<BlobWriteOptions> ObjectMultipartUploads::loadOptions(const QString& uploadId)
{
    if (Status checked = checkId(uploadId); !checked)
        return checked.error();
    Result<QByteArray> bytes = m_store.client().getObject(m_store.layout().uploadOptionsKey(uploadId), MaxOptionsSize);
    if (!bytes)
        return bytes.error().code() == ErrorCode::NotFound ? uploadGone(uploadId) : bytes.error();
    const Error corrupt(ErrorCode::Io, QStringLiteral("the options of upload %1 are damaged").arg(uploadId));
    const QJsonDocument document = QJsonDocument::fromJson(*bytes);
    if (!document.isObject() || document.object().value(QStringLiteral("format")).toInt() != 1)
        return corrupt;
    const QJsonObject json = document.object();
    BlobWriteOptions options;
    const QJsonValue digest = json.value(QStringLiteral("expectedDigest"));
    if (!digest.isUndefined()) {
        options.expectedDigest = Digest::fromString(digest.toString());
        if (!options.expectedDigest)
            return corrupt;
    }
    options.expectedSize = json.value(QStringLiteral("expectedSize")).toInteger(-2);
    options.maxSize = json.value(QStringLiteral("maxSize")).toInteger(-2);
    if (options.expectedSize < -1 || options.maxSize < -1)
        return corrupt;
    return options;
}

Result<QMap<int, ObjectMultipartUploads::StoredPart>> ObjectMultipartUploads::scanParts(const QString& uploadId)
{
    QMap<int, StoredPart> parts;
    const ObjectKeyLayout& layout = m_store.layout();
    Status listed = m_store.client().list(layout.partPrefix(uploadId), [&](const ObjectInfo& object) {
        const std::optional<ObjectKeyLayout::PartKey> part
            = ObjectKeyLayout::parsePartKey(uploadId, object.key, layout);
        if (!part)
            return true;
        const auto known = parts.constFind(part->number);
        // A part sent again has a later writer id; until the older object is removed, the newer one counts.
        if (known == parts.constEnd() || known->writerId < part->writerId)
            parts.insert(part->number, StoredPart { object.key, part->writerId, object.size });
        return true;
    });
    if (!listed)
        return listed.error();
    return parts;
}

Result<std::unique_ptr<BlobWriter>> ObjectMultipartUploads::beginPart(const QString& uploadId, int partNumber)
{
    Result<BlobWriteOptions> options = loadOptions(uploadId);
    if (!options)
        return options.error();
    if (partNumber < 1 || partNumber > ObjectKeyLayout::MaxParts)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("part number %1 is outside 1..%2").arg(partNumber).arg(ObjectKeyLayout::MaxParts));
    BlobWriteOptions partOptions;
    partOptions.maxSize = options->maxSize; // no part can be larger than the whole
    const QString writerId = ObjectKeyLayout::newWriterId();
    const QString key = m_store.layout().partKey(uploadId, partNumber, writerId);
    auto replaced = [this, uploadId, partNumber, writerId] {
        return removeReplacedParts(uploadId, partNumber, writerId);
    };
    return m_store.beginKeyWrite(key, partOptions, replaced);
}

Status ObjectMultipartUploads::removeReplacedParts(const QString& uploadId, int number, const QString& writerId)
{
    const ObjectKeyLayout& layout = m_store.layout();
    QStringList older;
    Status listed = m_store.client().list(layout.partPrefix(uploadId), [&](const ObjectInfo& object) {
        const std::optional<ObjectKeyLayout::PartKey> part
            = ObjectKeyLayout::parsePartKey(uploadId, object.key, layout);
        if (part && part->number == number && part->writerId < writerId)
            older.append(object.key);
        return true;
    });
    if (!listed)
        return listed;
    for (const QString& key : std::as_const(older)) {
        if (Status removed = m_store.client().removeObject(key); !removed)
            return removed;
    }
    return {};
}

Result<QList<BlobPart>> ObjectMultipartUploads::listParts(const QString& uploadId)
{
    if (Result<BlobWriteOptions> options = loadOptions(uploadId); !options)
        return options.error();
    Result<QMap<int, StoredPart>> parts = scanParts(uploadId);
    if (!parts)
        return parts.error();
    QList<BlobPart> list;
    for (auto it = parts->constBegin(); it != parts->constEnd(); ++it)
        list.append(BlobPart { it.key(), it->size, it->writerId });
    return list;
}

Result<std::unique_ptr<BlobWriter>> ObjectMultipartUploads::complete(const QString& uploadId,
                                                                     const QList<BlobPart>& parts)
{
    Result<BlobWriteOptions> options = loadOptions(uploadId);
    if (!options)
        return options.error();
    if (parts.isEmpty() || parts.size() > ObjectKeyLayout::MaxParts)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("an upload consists of 1 to %1 parts, not %2")
                         .arg(ObjectKeyLayout::MaxParts)
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
    Result<QMap<int, StoredPart>> stored = scanParts(uploadId);
    if (!stored)
        return stored.error();
    QList<ObjectByteSource::Piece> pieces;
    qint64 total = 0;
    for (const BlobPart& part : std::as_const(sorted)) {
        const auto found = stored->constFind(part.number);
        if (found == stored->constEnd())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("part %1 was not uploaded").arg(part.number));
        if (normalisedEtag(part.etag) != found->writerId)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("part %1: etag %2 does not match the uploaded part (%3)")
                             .arg(part.number)
                             .arg(part.etag.left(80), found->writerId));
        pieces.append(ObjectByteSource::Piece { found->key, found->size });
        total += found->size;
    }
    // Refused from the listing alone, before a byte is read back.
    if (options->maxSize >= 0 && total > options->maxSize)
        return Error(
            ErrorCode::TooLarge,
            QStringLiteral("the parts add up to %1 bytes, over the limit of %2").arg(total).arg(options->maxSize));
    if (options->expectedSize >= 0 && total != options->expectedSize)
        return Error(ErrorCode::SizeMismatch,
                     QStringLiteral("the parts add up to %1 bytes, but %2 were announced")
                         .arg(total)
                         .arg(options->expectedSize));

    std::unique_ptr<BlobWriter> writer
        = m_store.beginBlobWrite(*options, [this, uploadId] { return removeUpload(uploadId); });
    std::unique_ptr<ByteSource> source = m_store.openPieces(pieces);
    std::vector<char> slice(size_t(std::min<qint64>(CopySlice, std::max<qint64>(total, 1))));
    for (qint64 offset = 0; offset < total;) {
        Result<qint64> n = source->readAt(offset, slice.data(), std::min<qint64>(qint64(slice.size()), total - offset));
        if (!n)
            return n.error();
        if (*n <= 0)
            return Error(ErrorCode::Io, QStringLiteral("the parts of upload %1 ended early").arg(uploadId));
        if (Status written = writer->write(slice.data(), *n); !written)
            return written.error();
        offset += *n;
    }
    if (Result<Digest> finished = writer->finish(); !finished)
        return finished.error();
    return writer;
}

Status ObjectMultipartUploads::abort(const QString& uploadId)
{
    if (Result<BlobWriteOptions> options = loadOptions(uploadId); !options)
        return options.error();
    return removeUpload(uploadId);
}

Status ObjectMultipartUploads::removeUpload(const QString& uploadId)
{
    ObjectStoreClient& client = m_store.client();
    // upload.json goes first: from then on the upload is gone for every caller, whatever is left of its parts.
    if (Status removed = client.removeObject(m_store.layout().uploadOptionsKey(uploadId)); !removed)
        return removed;
    QStringList keys;
    Status listed = client.list(m_store.layout().uploadPrefix(uploadId), [&](const ObjectInfo& object) {
        keys.append(object.key);
        return true;
    });
    if (!listed)
        return listed;
    for (const QString& key : std::as_const(keys)) {
        if (Status removed = client.removeObject(key); !removed)
            return removed;
    }
    return {};
}

Status ObjectMultipartUploads::cleanupStale(std::chrono::seconds maxAge)
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - qint64(maxAge.count()) * 1000;
    const QString prefix = m_store.layout().uploadsPrefix();
    QMap<QString, qint64> newest; // upload id -> the time its newest object was written
    Status listed = m_store.client().list(prefix, [&](const ObjectInfo& object) {
        const QString uploadId = object.key.mid(prefix.size()).section(u'/', 0, 0);
        if (ObjectKeyLayout::isValidUploadId(uploadId))
            newest[uploadId] = std::max(newest.value(uploadId, 0), object.modifiedMs);
        return true;
    });
    if (!listed)
        return listed;
    Status result;
    for (auto it = newest.constBegin(); it != newest.constEnd(); ++it) {
        if (it.value() >= cutoff)
            continue;
        if (Status removed = removeUpload(it.key()); !removed && result)
            result = removed;
    }
    return result;
}

} // namespace sreg
