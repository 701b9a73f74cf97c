#pragma once

#include "ObjectBlobStore.h"
#include "S3Client.h"

#include <atomic>

namespace sreg {

// Blobs in an S3 bucket (AWS, or any S3-compatible store; Google Cloud Storage through its XML API with HMAC
// keys): the keys of ObjectKeyLayout, large blobs as multipart uploads (S3ChunkedUpload), optional presigned
// downloads. When the digest of a write is announced and a spool folder is configured (with room for the
// blob), the upload goes straight to the blob's key; otherwise through a staging object and a copy inside
// the store (see S3ChunkedUpload).
class S3BlobStore final : public ObjectBlobStore
{
public:
    struct Options
    {
        S3Client::Options client;
        QString prefix;
        Tuning tuning;
        QString spoolDir; // local folder for the staged bytes of direct uploads; empty: always staged
        // Direct uploads keep their staged bytes in memory while all of them together fit in this; beyond, in
        // spoolDir. -1: an eighth of the machine's memory, at most 2 GiB.
        qint64 spoolMemoryBytes = -1;
        bool presignedDownloads = false; // presignedGetUrl answers only when this is on
        qint64 copyPartSize = qint64(5) * 1024 * 1024 * 1024; // tests lower it to exercise UploadPartCopy
    };

    // Checks that the bucket answers with these credentials before anything else.
    static Result<std::unique_ptr<S3BlobStore>> open(Options options);

    QString kind() const override { return m_options.client.gcs ? QStringLiteral("gcs") : QStringLiteral("s3"); }
    std::optional<QUrl> presignedGetUrl(const Digest& digest, std::chrono::seconds validity) override;

    S3Client& s3() { return *m_s3; }

protected:
    Result<std::unique_ptr<ChunkedUpload>> beginChunked(const QString& key, bool contentAddressed,
                                                        const BlobWriteOptions& options) override;
    Status cleanupWriters(std::chrono::seconds maxAge) override;

private:
    S3BlobStore(std::shared_ptr<S3Client> client, Options options);
    bool spoolHasRoom(qint64 size) const;
    bool reserveSpoolMemory(qint64 size);

    std::shared_ptr<std::atomic<qint64>> m_spoolMemoryLeft; // shared with uploads that outlive a call

    std::shared_ptr<S3Client> m_s3;
    Options m_options;
};

} // namespace sreg
