#pragma once

#include "BlobDestination.h"
#include "BlobStore.h"
#include "BlobWriter.h"
#include "ChunkUploadQueue.h"
#include "EmptyByteSource.h"
#include "ObjectStoreClient.h"
#include "common/Sha256.h"

#include <QByteArray>
#include <memory>
#include <mutex>
#include <optional>

namespace sreg {

// Streams one blob into an object store: bytes are hashed (OpenSSL SHA-256) as they arrive and gathered into
// chunks. A blob that fits into one chunk stays in memory (its staged form costs nothing) and is stored with a
// single PUT at commit. A larger one is handed, chunk by chunk, to the destination's ChunkedUpload, whose chunks
// go out on several connections at once while the next chunk fills (ChunkUploadQueue: at most `parallelism`
// chunks in memory); each chunk is retried on its own, so one broken connection costs one chunk, not the image.
//
// Sizes and digests are checked as in every BlobWriter: maxSize and the announced size at the write that
// crosses them, the digest at finish(). Whatever fails, the destination's upload is aborted and nothing is left
// under the blob's name; the store only holds the blob once commit() returned success.
class ObjectBlobWriter final : public BlobWriter
{
public:
    struct Tuning
    {
        qint64 chunkSize = 16 * 1024 * 1024; // S3's minimum part is 5 MiB
        int maxChunks = 1000; // Swift's s3api and SLO manifests stop at 1000
        int parallelism = 4; // chunks in flight per writer
    };

    ObjectBlobWriter(std::shared_ptr<ObjectStoreClient> client, BlobDestination destination,
                     const BlobWriteOptions& options, Tuning tuning);
    ~ObjectBlobWriter() override;

    Status write(const char* data, qint64 size) override;
    qint64 bytesWritten() const override { return m_written; }
    Result<Digest> finish() override;
    ByteSource& staged() override;
    Status commit() override;
    void abort() override;

    // The size of chunk `number`: the configured size, grown so that the announced size (or, when unknown, any
    // blob up to the store's limits) fits into maxChunks chunks.
    static qint64 chunkSizeFor(const Tuning& tuning, qint64 expectedSize, int number);

private:
    enum class State
    {
        Writing,
        Finished,
        Committed,
        Closed, // aborted or failed
    };

    Status flushChunk();
    Status backgroundFailure();
    Error fail(const Error& error);
    Error notWriting() const;

    std::shared_ptr<ObjectStoreClient> m_client;
    BlobDestination m_destination;
    BlobWriteOptions m_options;
    Tuning m_tuning;
    State m_state = State::Writing;
    std::optional<Error> m_failure;
    Sha256 m_sha;
    Digest m_digest;
    qint64 m_written = 0;
    qint64 m_sent = 0; // bytes handed to chunks
    int m_chunks = 0;
    QByteArray m_buffer; // the chunk being filled: the whole blob while it fits into one
    std::unique_ptr<ChunkedUpload> m_upload;
    std::unique_ptr<ByteSource> m_staged;
    EmptyByteSource m_empty;
    std::mutex m_failureMutex;
    std::optional<Error> m_chunkFailure; // the first chunk that failed on a worker thread
    // Last, so that its threads are gone before anything they use.
    ChunkUploadQueue m_queue;
};

} // namespace sreg
