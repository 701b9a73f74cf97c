#pragma once

#include "BlobStore.h"
#include "LocalBlobLayout.h"

#include <QMap>
#include <chrono>
#include <ctime>

namespace sreg {

// The multipart uploads of a LocalBlobStore, one folder each under uploads/. Everything about an upload is in
// its folder (options in upload.json, parts named with their SHA-256), so an upload survives a restart and can
// be continued by another process. Changes to an upload's parts are serialised by a flock on its upload.json.
//
// Etags are the part's SHA-256 in lower-case hex, unquoted; completion accepts them quoted or not, in any case.
// An upload disappears when the blob assembled from it is committed, when it is aborted, or when cleanupStale
// finds it untouched for longer than its maxAge. A failed completion leaves it in place to be fixed.
class LocalMultipartUploads final
{
public:
    explicit LocalMultipartUploads(LocalBlobLayout layout);

    Result<QString> create(const BlobWriteOptions& options) const;
    Result<std::unique_ptr<BlobWriter>> beginPart(const QString& uploadId, int partNumber) const;
    Result<QList<BlobPart>> listParts(const QString& uploadId) const;
    Result<std::unique_ptr<BlobWriter>> complete(const QString& uploadId, const QList<BlobPart>& parts) const;
    Status abort(const QString& uploadId) const;
    Status cleanupStale(std::chrono::seconds maxAge) const;

private:
    struct StoredPart
    {
        Digest digest;
        qint64 size = 0;
        QString path;
        timespec modified {};
    };

    Status checkUpload(const QString& uploadId) const;
    Result<BlobWriteOptions> loadOptions(const QString& uploadId) const;
    Status saveOptions(const QString& uploadId, const BlobWriteOptions& options) const;
    // Received parts by number; when a crash left two files for one number, the newer one counts.
    Result<QMap<int, StoredPart>> scanParts(const QString& uploadId) const;
    Status publishPart(const QString& uploadId, int partNumber, const QString& stagedPath, const Digest& digest) const;
    // Removes the files of part partNumber, except the one of digest keep; call with the upload's lock held.
    Status removePartFiles(const QString& uploadId, int partNumber, const std::optional<Digest>& keep) const;
    // Parts written in place (BlobWriteOptions::partSize): the data file, the part writers, the completion.
    Status createDataFile(const QString& uploadId, qint64 size) const;
    Result<std::unique_ptr<BlobWriter>> beginPartInPlace(const QString& uploadId, int partNumber,
                                                         const BlobWriteOptions& options) const;
    Result<std::unique_ptr<BlobWriter>> completeInPlace(const QString& uploadId, const QList<BlobPart>& sorted,
                                                        const BlobWriteOptions& options) const;
    Status removeUpload(const QString& uploadId) const;

    LocalBlobLayout m_layout;
};

} // namespace sreg
