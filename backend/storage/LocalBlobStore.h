#pragma once

#include "BlobStore.h"
#include "LocalBlobLayout.h"
#include "LocalMultipartUploads.h"

#include <memory>

namespace sreg {

// The blob store of a single machine: a directory, content-addressed (see LocalBlobLayout for what lives
// where). Several threads, and several processes (the server and the command line), may use one directory at
// once: every change is a create-exclusive or a rename, so nobody ever sees half a blob.
class LocalBlobStore final : public BlobStore
{
public:
    // Creates root and its sub-folders when missing.
    static Result<std::unique_ptr<LocalBlobStore>> open(const QString& root);

    QString kind() const override { return QStringLiteral("local"); }
    QString describe() const override;
    const LocalBlobLayout& layout() const { return m_layout; }

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

    // Moves a finished temporary file to the blob path of digest, durably. When the store already holds the
    // digest (another writer got there first), the temporary file is removed instead.
    static Status publish(const LocalBlobLayout& layout, const QString& stagedPath, const Digest& digest);

private:
    explicit LocalBlobStore(LocalBlobLayout layout);
    Status cleanupTemporaryFiles(std::chrono::seconds maxAge);

    LocalBlobLayout m_layout;
    LocalMultipartUploads m_uploads;
};

} // namespace sreg
