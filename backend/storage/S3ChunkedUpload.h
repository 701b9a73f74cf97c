#pragma once

#include "ChunkedUpload.h"
#include "ObjectByteSource.h"
#include "ObjectKeyLayout.h"
#include "S3Client.h"

#include <QMap>
#include <QString>
#include <functional>
#include <memory>
#include <mutex>

namespace sreg {

// A large blob (or multipart part) sent to S3 as a multipart upload whose parts are the writer's chunks, sent in
// parallel and retried one by one. Three ways, chosen by S3BlobStore per write:
//
//  - Direct: the digest was announced (every push through the library API announces it), so the upload goes
//    straight to the blob's final key and completes at commit(): no second copy of the bytes in the store.
//    Until then S3 cannot show the bytes, so each chunk is also written to a local spool, which is what staged()
//    reads for the SIF check: anonymous memory (memfd) within the store's memory budget, else a file unlinked
//    once open; either is gone with the writer. When the blob is already stored, the chunks are only spooled
//    (content addressing: nothing to upload).
//  - Staged: no digest in advance (so no final key). The upload goes to <prefix>staging/<writer> and completes at
//    finish(), staged() reads it back with ranged GETs, and commit() copies it inside the store to the blob's key
//    (CopyObject; UploadPartCopy above 5 GiB, except on GCS whose copy has no such limit), then deletes it.
//  - Keyed: a part of the BlobStore's multipart uploads, completed at commit at its fixed key.
//
// abort() aborts the multipart upload (or removes the staged object); what a crash leaves is found by
// S3BlobStore::cleanupStale through ListMultipartUploads.
class S3ChunkedUpload final : public ChunkedUpload
{
public:
    enum class Mode
    {
        Direct,
        Staged,
        Keyed,
    };

    struct Setup
    {
        Mode mode = Mode::Staged;
        QString key; // Direct: the blob's key; Keyed: the part's key; Staged: the staging key
        QString spoolPath; // Direct only: a file to create, or empty with spoolInMemory
        bool spoolInMemory = false; // Direct: the staged copy in anonymous memory (memfd), no disk involved
        std::function<void()> releaseSpool; // called once the spool is gone (the store's memory budget)
        qint64 copyPartSize = qint64(5) * 1024 * 1024 * 1024; // above this a staged blob is copied in parts
        int maxParts = 1000;
        ObjectByteSource::Tuning reader;
    };

    static Result<std::unique_ptr<S3ChunkedUpload>> start(std::shared_ptr<S3Client> client,
                                                          const ObjectKeyLayout& layout, Setup setup);
    ~S3ChunkedUpload() override;

    Status sendChunk(int number, qint64 offset, const char* data, qint64 size) override;
    Result<std::unique_ptr<ByteSource>> finish(const Digest& digest, qint64 size) override;
    Status commit() override;
    void abort() override;

private:
    S3ChunkedUpload(std::shared_ptr<S3Client> client, const ObjectKeyLayout& layout, Setup setup);
    QList<QPair<int, QByteArray>> partList() const;
    Status spoolChunk(qint64 offset, const char* data, qint64 size) const;
    Status copyToFinal();
    Status copyInParts(const QString& target);

    std::shared_ptr<S3Client> m_client;
    ObjectKeyLayout m_layout;
    Setup m_setup;
    QString m_uploadId; // empty once completed or aborted
    bool m_alreadyStored = false; // Direct: an identical blob is in the store, nothing to upload
    bool m_stagedComplete = false; // Staged: the staging object exists
    bool m_committed = false;
    int m_spoolFd = -1;
    Digest m_digest;
    qint64 m_size = 0;
    mutable std::mutex m_mutex;
    QMap<int, QByteArray> m_etags;
};

} // namespace sreg
