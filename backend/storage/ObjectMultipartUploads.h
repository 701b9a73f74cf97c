#pragma once

#include "BlobStore.h"
#include "ObjectKeyLayout.h"

#include <QMap>

namespace sreg {

class ObjectBlobStore;

// The multipart uploads of the BlobStore interface on an object store, kept as ordinary objects (see
// ObjectKeyLayout): the upload's options in upload.json, each part an object of its own. Everything about an
// upload is in the store, so it survives restarts and can be continued by another server sharing the bucket.
//
// Why not the store's own multipart API: the interface allows part numbers up to 10000 in any order and sends
// parts of any size, while Swift's s3api stops at 1000 parts and S3 refuses parts under 5 MiB but the last; and
// the whole blob's SHA-256 must be computed anyway, which S3 cannot do for us. Completion therefore reads the
// parts in order (with read-ahead) through an ordinary content-addressed writer, which hashes, checks the
// upload's options and stores the blob as any push would; the upload's objects go when that writer commits.
//
// A part's etag is its writer id: a part sent again gets a new, later id and replaces the older one.
class ObjectMultipartUploads final
{
public:
    explicit ObjectMultipartUploads(ObjectBlobStore& store);

    Result<QString> create(const BlobWriteOptions& options);
    Result<std::unique_ptr<BlobWriter>> beginPart(const QString& uploadId, int partNumber);
    Result<QList<BlobPart>> listParts(const QString& uploadId);
    Result<std::unique_ptr<BlobWriter>> complete(const QString& uploadId, const QList<BlobPart>& parts);
    Status abort(const QString& uploadId);
    Status cleanupStale(std::chrono::seconds maxAge);

private:
    struct StoredPart
    {
        QString key;
        QString writerId;
        qint64 size = 0;
    };

    Status checkId(const QString& uploadId) const;
    Result<BlobWriteOptions> loadOptions(const QString& uploadId);
    Result<QMap<int, StoredPart>> scanParts(const QString& uploadId);
    Status removeReplacedParts(const QString& uploadId, int number, const QString& writerId);
    Status removeUpload(const QString& uploadId);

    ObjectBlobStore& m_store;
};

} // namespace sreg
