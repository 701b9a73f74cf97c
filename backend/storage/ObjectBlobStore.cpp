#include "ObjectBlobStore.h"

#include "ObjectMultipartUploads.h"

namespace sreg {

ObjectBlobStore::ObjectBlobStore(std::shared_ptr<ObjectStoreClient> client, ObjectKeyLayout layout, Tuning tuning)
    : m_client(std::move(client))
    , m_layout(std::move(layout))
    , m_tuning(tuning)
    , m_uploads(std::make_unique<ObjectMultipartUploads>(*this))
{
}

ObjectBlobStore::~ObjectBlobStore() = default;

QString ObjectBlobStore::describe() const
{
    return m_layout.prefix().isEmpty() ? m_client->describe()
                                       : QStringLiteral("%1, prefix %2").arg(m_client->describe(), m_layout.prefix());
}

Status ObjectBlobStore::checkDigest(const Digest& digest) const
{
    if (digest.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no digest given"));
    return {};
}

Error ObjectBlobStore::blobNotFound(const Digest& digest) const
{
    return Error(ErrorCode::NotFound, QStringLiteral("blob %1 is not in the store").arg(digest.toString()));
}

std::unique_ptr<BlobWriter> ObjectBlobStore::beginBlobWrite(const BlobWriteOptions& options,
                                                            std::function<Status()> afterCommit)
{
    BlobDestination destination;
    destination.keyFor = [this](const Digest& digest) {
        return m_layout.blobKey(digest);
    };
    // With a known digest the final key is known from the start, which lets S3 upload straight to it.
    destination.beginChunked = [this, options] {
        return beginChunked(options.expectedDigest ? m_layout.blobKey(*options.expectedDigest) : QString(), true,
                            options);
    };
    destination.afterCommit = std::move(afterCommit);
    return std::make_unique<ObjectBlobWriter>(m_client, std::move(destination), options, m_tuning.writer);
}

std::unique_ptr<BlobWriter> ObjectBlobStore::beginKeyWrite(const QString& key, const BlobWriteOptions& options,
                                                           std::function<Status()> afterCommit)
{
    BlobDestination destination;
    destination.key = key;
    destination.beginChunked = [this, key, options] {
        return beginChunked(key, false, options);
    };
    destination.afterCommit = std::move(afterCommit);
    return std::make_unique<ObjectBlobWriter>(m_client, std::move(destination), options, m_tuning.writer);
}

std::unique_ptr<ByteSource> ObjectBlobStore::openPieces(const QList<ObjectByteSource::Piece>& pieces)
{
    return std::make_unique<ObjectByteSource>(m_client, pieces, m_tuning.reader);
}

Result<std::unique_ptr<BlobWriter>> ObjectBlobStore::beginWrite(const BlobWriteOptions& options)
{
    if (options.expectedDigest && options.expectedDigest->isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the expected digest is empty"));
    return beginBlobWrite(options, {});
}

Result<std::unique_ptr<ByteSource>> ObjectBlobStore::openRead(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<ObjectInfo> info = m_client->head(m_layout.blobKey(digest));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? blobNotFound(digest) : info.error();
    return std::unique_ptr<ByteSource>(
        std::make_unique<ObjectByteSource>(m_client, info->key, info->size, m_tuning.reader));
}

Result<bool> ObjectBlobStore::exists(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<ObjectInfo> info = m_client->head(m_layout.blobKey(digest));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? Result<bool>(false) : Result<bool>(info.error());
    return true;
}

Result<qint64> ObjectBlobStore::size(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked.error();
    Result<ObjectInfo> info = m_client->head(m_layout.blobKey(digest));
    if (!info)
        return info.error().code() == ErrorCode::NotFound ? blobNotFound(digest) : info.error();
    return info->size;
}

Status ObjectBlobStore::remove(const Digest& digest)
{
    if (Status checked = checkDigest(digest); !checked)
        return checked;
    return m_client->removeObject(m_layout.blobKey(digest));
}

Status ObjectBlobStore::enumerate(const std::function<bool(const BlobInfo&)>& visit)
{
    return m_client->list(m_layout.blobsPrefix(), [&](const ObjectInfo& object) {
        const std::optional<Digest> digest = m_layout.parseBlobKey(object.key);
        if (!digest) // not ours
            return true;
        return visit(BlobInfo { *digest, object.size });
    });
}

Result<QString> ObjectBlobStore::createMultipart(const BlobWriteOptions& options)
{
    if (options.expectedDigest && options.expectedDigest->isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the expected digest is empty"));
    return m_uploads->create(options);
}

Result<std::unique_ptr<BlobWriter>> ObjectBlobStore::beginPart(const QString& uploadId, int partNumber)
{
    return m_uploads->beginPart(uploadId, partNumber);
}

Result<QList<BlobPart>> ObjectBlobStore::listParts(const QString& uploadId)
{
    return m_uploads->listParts(uploadId);
}

Result<std::unique_ptr<BlobWriter>> ObjectBlobStore::completeMultipart(const QString& uploadId,
                                                                       const QList<BlobPart>& parts)
{
    return m_uploads->complete(uploadId, parts);
}

Status ObjectBlobStore::abortMultipart(const QString& uploadId)
{
    return m_uploads->abort(uploadId);
}

Status ObjectBlobStore::cleanupStale(std::chrono::seconds maxAge)
{
    if (maxAge.count() < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative age"));
    Status writers = cleanupWriters(maxAge);
    Status uploads = m_uploads->cleanupStale(maxAge);
    return writers ? uploads : writers;
}

} // namespace sreg
