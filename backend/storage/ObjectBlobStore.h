#pragma once

#include "BlobStore.h"
#include "ChunkedUpload.h"
#include "ObjectBlobWriter.h"
#include "ObjectByteSource.h"
#include "ObjectKeyLayout.h"
#include "ObjectStoreClient.h"

#include <memory>

namespace sreg {

class ObjectMultipartUploads;

// What the object-store backends (S3BlobStore, SwiftBlobStore) share: content addressing on keys
// (ObjectKeyLayout), reads through ObjectByteSource, writes through ObjectBlobWriter, and the BlobStore's
// multipart uploads kept as ordinary objects (ObjectMultipartUploads). A backend adds how a large blob is
// uploaded (beginChunked) and what its interrupted writers leave behind (cleanupWriters).
class ObjectBlobStore : public BlobStore
{
public:
    struct Tuning
    {
        ObjectBlobWriter::Tuning writer;
        ObjectByteSource::Tuning reader;
    };

    ~ObjectBlobStore() override;

    QString describe() const override;

    Result<std::unique_ptr<BlobWriter>> beginWrite(const BlobWriteOptions& options) override;
    Result<std::unique_ptr<ByteSource>> openRead(const Digest& digest) override;
    Result<bool> exists(const Digest& digest) override;
    Result<qint64> size(const Digest& digest) override;
    Status remove(const Digest& digest) override;
    Status enumerate(const std::function<bool(const BlobInfo&)>& visit) override;

    Result<QString> createMultipart(const BlobWriteOptions& options) override;
    Result<std::unique_ptr<BlobWriter>> beginPart(const QString& uploadId, int partNumber) override;
    Result<QList<BlobPart>> listParts(const QString& uploadId) override;
    Result<std::unique_ptr<BlobWriter>> completeMultipart(const QString& uploadId,
                                                          const QList<BlobPart>& parts) override;
    Status abortMultipart(const QString& uploadId) override;

    Status cleanupStale(std::chrono::seconds maxAge) override;

    // A content-addressed writer whose successful commit also runs afterCommit.
    std::unique_ptr<BlobWriter> beginBlobWrite(const BlobWriteOptions& options, std::function<Status()> afterCommit);
    // A writer to a fixed key (a part of a multipart upload): not content-addressed, replaced when written again.
    std::unique_ptr<BlobWriter> beginKeyWrite(const QString& key, const BlobWriteOptions& options,
                                              std::function<Status()> afterCommit);
    // Sequential, read-ahead access to objects read one after another as a single run of bytes.
    std::unique_ptr<ByteSource> openPieces(const QList<ObjectByteSource::Piece>& pieces);

    ObjectStoreClient& client() { return *m_client; }
    const ObjectKeyLayout& layout() const { return m_layout; }
    const Tuning& tuning() const { return m_tuning; }

protected:
    ObjectBlobStore(std::shared_ptr<ObjectStoreClient> client, ObjectKeyLayout layout, Tuning tuning);

    // The upload that takes the chunks of a blob larger than one chunk, ending as the object `key`.
    // contentAddressed: a blob, whose key is blobKey(digest) (an existing object there is the same blob); key is
    // that key when the digest is known in advance, else empty (the upload learns it at finish()).
    virtual Result<std::unique_ptr<ChunkedUpload>> beginChunked(const QString& key, bool contentAddressed,
                                                                const BlobWriteOptions& options)
        = 0;
    // Removes what writers that died mid-way left behind, when older than maxAge.
    virtual Status cleanupWriters(std::chrono::seconds maxAge) = 0;

    std::shared_ptr<ObjectStoreClient> m_client;
    ObjectKeyLayout m_layout;
    Tuning m_tuning;

private:
    Status checkDigest(const Digest& digest) const;
    Error blobNotFound(const Digest& digest) const;

    std::unique_ptr<ObjectMultipartUploads> m_uploads;
};

} // namespace sreg
