#pragma once

#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"

#include <functional>

namespace sreg {

// Streams one blob into a store. Bytes are hashed (OpenSSL SHA-256) as they arrive and land in a staging area
// (a temporary file, a temporary object); nothing is visible under a digest until commit(). Destroying a
// writer that was not committed aborts it and leaves nothing behind.
//
// The life of a writer:  write()* -> finish() -> [read staged() to inspect the bytes] -> commit()
class BlobWriter
{
public:
    virtual ~BlobWriter() = default;

    virtual Status write(const char* data, qint64 size) = 0;
    virtual qint64 bytesWritten() const = 0;
    // Appends length bytes of source starting at offset; progress(bytesCopiedSoFar) returning false cancels.
    // The default reads in chunks and calls write(); a store that can copy a local file inside the kernel
    // (LocalBlobWriter: copy_file_range) overrides it, which is what makes a push from local disk run at cp's speed.
    virtual Status writeFrom(ByteSource& source, qint64 offset, qint64 length,
        const std::function<bool(qint64)>& progress = {});

    // All bytes are in: make them durable in the staging area and check them against the expected digest and
    // size given to BlobStore::beginWrite (DigestMismatch / SizeMismatch). Returns the digest of the bytes.
    virtual Result<Digest> finish() = 0;
    // After finish(): the staged bytes, to parse the SIF before the blob becomes visible.
    virtual ByteSource& staged() = 0;
    // After finish(): publish the blob under its digest. If the store already holds that digest, the staged
    // copy is dropped and this succeeds (content addressing: one copy however many times it is pushed).
    virtual Status commit() = 0;
    // Drops the staged bytes. Safe to call at any point, and more than once.
    virtual void abort() = 0;
};

} // namespace sreg
