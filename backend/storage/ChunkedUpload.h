#pragma once

#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"

#include <memory>

namespace sreg {

// Where the chunks of one blob too large for a single request go, and how they become the object: an S3
// multipart upload, or Swift segments and a manifest. ObjectBlobWriter drives it:
//   sendChunk()* (from several threads at once, numbers from 1, each chunk once) -> finish() -> commit()
// and abort() whenever it gives up. Each call retries transient failures itself.
class ChunkedUpload
{
public:
    virtual ~ChunkedUpload() = default;

    // Stores chunk `number` (1-based), the bytes at `offset` of the blob.
    virtual Status sendChunk(int number, qint64 offset, const char* data, qint64 size) = 0;
    // Every chunk is in and the writer checked the digest: make the bytes readable for inspection and return
    // them (nullptr when this upload cannot show them before commit; its staged() is then empty).
    virtual Result<std::unique_ptr<ByteSource>> finish(const Digest& digest, qint64 size) = 0;
    // Makes the object visible under its final name. Succeeds when an identical blob got there first.
    virtual Status commit() = 0;
    // Removes whatever the upload left in the store (parts, segments, temporary objects). Best effort, because
    // it runs in destructors; what it cannot remove, BlobStore::cleanupStale finds later. No-op after commit.
    virtual void abort() = 0;
};

} // namespace sreg
