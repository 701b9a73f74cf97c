#pragma once

#include "BlobWriter.h"
#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace sreg {

struct BlobInfo
{
    Digest digest;
    qint64 size = 0;
};

struct BlobWriteOptions
{
    std::optional<Digest> expectedDigest; // when set, finish() fails with DigestMismatch unless the bytes match
    qint64 expectedSize = -1; // when >= 0, finish() fails with SizeMismatch unless exactly this many bytes came
    // (added) write() may refuse the byte that overflows expectedSize with SizeMismatch right away, rather than
    // receiving the rest first; callers treat a refusal from write() and from finish() alike.
    qint64 maxSize = -1; // when >= 0, write() fails with TooLarge as soon as more bytes arrive
    // Multipart only: when > 0 (with expectedSize and expectedDigest), every part but the last has exactly this
    // many bytes, which lets a local store write parts in place and skip assembling them into a second copy.
    qint64 partSize = -1;
};

// One part of a multipart upload, as acknowledged by the store.
struct BlobPart
{
    int number = 0; // 1-based
    qint64 size = 0;
    QString etag; // opaque token the client hands back at completion
};

// Content-addressed storage of image bytes: one object per SHA-256 digest, however many tags point at it.
// Implementations: LocalBlobStore (a directory), and object stores (S3, Swift, GCS). Nothing above this
// interface knows which one it talks to. Every method is safe to call from several threads at once.
class BlobStore
{
public:
    virtual ~BlobStore() = default;

    virtual QString kind() const = 0; // "local", "s3", "swift", "gcs"
    virtual QString describe() const = 0; // human readable location, without secrets

    virtual Result<std::unique_ptr<BlobWriter>> beginWrite(const BlobWriteOptions& options) = 0;
    virtual Result<std::unique_ptr<ByteSource>> openRead(const Digest& digest) = 0; // NotFound if absent
    virtual Result<bool> exists(const Digest& digest) = 0;
    virtual Result<qint64> size(const Digest& digest) = 0; // NotFound if absent
    virtual Status remove(const Digest& digest) = 0; // removing an absent blob succeeds
    // Calls visit for every stored blob until it returns false.
    virtual Status enumerate(const std::function<bool(const BlobInfo&)>& visit) = 0;

    // Multipart uploads: parts written independently (any order, any connection, across restarts), then
    // assembled. completeMultipart returns a finished writer (hashed, checked against options) ready to commit.
    // (added) The rules every store follows, checked by tests/unit/storage/BlobStoreContract:
    // - an upload id the store did not issue (or one made of path characters) is InvalidArgument or NotFound; an
    //   aborted or completed upload is NotFound;
    // - part numbers run from 1 to 10000 (InvalidArgument otherwise); sending a number again replaces that part;
    // - listParts gives each part's etag; completeMultipart takes the parts as listed (in any order), which must
    //   number 1..N without gaps or repeats and carry the current etags: otherwise InvalidArgument;
    // - the upload's options are checked on the whole at completion (TooLarge, SizeMismatch, DigestMismatch);
    //   maxSize also bounds each part as it arrives. A refused completion leaves the upload to be fixed or aborted;
    // - the upload ends when the writer returned by completeMultipart commits.
    virtual Result<QString> createMultipart(const BlobWriteOptions& options) = 0;
    virtual Result<std::unique_ptr<BlobWriter>> beginPart(const QString& uploadId, int partNumber) = 0;
    virtual Result<QList<BlobPart>> listParts(const QString& uploadId) = 0;
    virtual Result<std::unique_ptr<BlobWriter>> completeMultipart(const QString& uploadId, const QList<BlobPart>& parts)
        = 0;
    virtual Status abortMultipart(const QString& uploadId) = 0;

    // Removes what interrupted writers and uploads left behind (by processes that are gone, or older than
    // maxAge). Called when a registry opens.
    virtual Status cleanupStale(std::chrono::seconds maxAge) = 0;

    // A URL from which a client may GET the blob without credentials for a while; nullopt when the store
    // cannot presign (the server then streams the bytes itself).
    virtual std::optional<QUrl> presignedGetUrl(const Digest& digest, std::chrono::seconds validity)
    {
        Q_UNUSED(digest)
        Q_UNUSED(validity)
        return std::nullopt;
    }
};

} // namespace sreg
