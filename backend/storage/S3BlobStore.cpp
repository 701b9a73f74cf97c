#include "S3BlobStore.h"

#include "S3ChunkedUpload.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QFileInfo>
#include <sys/statvfs.h>
#include <unistd.h>

namespace sreg {

S3BlobStore::S3BlobStore(std::shared_ptr<S3Client> client, Options options)
    : ObjectBlobStore(client, ObjectKeyLayout(options.prefix), options.tuning)
    , m_s3(std::move(client))
    , m_options(std::move(options))
{
    qint64 budget = m_options.spoolMemoryBytes;
    if (budget < 0) {
        const qint64 memory = qint64(::sysconf(_SC_PHYS_PAGES)) * qint64(::sysconf(_SC_PAGE_SIZE));
        budget = std::min<qint64>(qint64(2) << 30, memory / 8);
    }
    m_spoolMemoryLeft = std::make_shared<std::atomic<qint64>>(budget);
}

bool S3BlobStore::reserveSpoolMemory(qint64 size)
{
    qint64 left = m_spoolMemoryLeft->load();
    while (size >= 0 && left >= size) {
        if (m_spoolMemoryLeft->compare_exchange_weak(left, left - size))
            return true;
    }
    return false;
}

Result<std::unique_ptr<S3BlobStore>> S3BlobStore::open(Options options)
{
    Result<std::unique_ptr<S3Client>> client = S3Client::create(options.client);
    if (!client)
        return client.error();
    std::shared_ptr<S3Client> shared(std::move(*client));
    if (Status checked = shared->checkBucket(); !checked)
        return checked.error();
    if (!options.spoolDir.isEmpty() && !QDir().mkpath(options.spoolDir))
        return Error(ErrorCode::Io, QStringLiteral("cannot create the spool folder %1").arg(options.spoolDir));
    return std::unique_ptr<S3BlobStore>(new S3BlobStore(std::move(shared), std::move(options)));
}

std::optional<QUrl> S3BlobStore::presignedGetUrl(const Digest& digest, std::chrono::seconds validity)
{
    if (!m_options.presignedDownloads || digest.isNull())
        return std::nullopt;
    return m_s3->presignGet(m_layout.blobKey(digest), validity.count());
}

bool S3BlobStore::spoolHasRoom(qint64 size) const
{
    if (m_options.spoolDir.isEmpty() || size < 0)
        return false;
    struct statvfs info
    {
    };
    if (::statvfs(QFile::encodeName(m_options.spoolDir).constData(), &info) != 0)
        return false;
    const qint64 margin = 256 * 1024 * 1024; // never fill the disk to the last byte
    return qint64(info.f_bavail) * qint64(info.f_frsize) > size + margin;
}

Result<std::unique_ptr<ChunkedUpload>> S3BlobStore::beginChunked(const QString& key, bool contentAddressed,
                                                                 const BlobWriteOptions& options)
{
    S3ChunkedUpload::Setup setup;
    setup.copyPartSize = m_options.copyPartSize;
    setup.maxParts = m_tuning.writer.maxChunks;
    setup.reader = m_tuning.reader;
    const QString writerId = ObjectKeyLayout::newWriterId();
    if (!contentAddressed) {
        setup.mode = S3ChunkedUpload::Mode::Keyed;
        setup.key = key;
    } else if (!key.isEmpty() && !m_options.spoolDir.isEmpty() && reserveSpoolMemory(options.expectedSize)) {
        setup.mode = S3ChunkedUpload::Mode::Direct;
        setup.key = key;
        setup.spoolInMemory = true;
        const qint64 size = options.expectedSize;
        setup.releaseSpool = [left = m_spoolMemoryLeft, size] {
            left->fetch_add(size);
        };
    } else if (!key.isEmpty() && spoolHasRoom(options.expectedSize)) {
        setup.mode = S3ChunkedUpload::Mode::Direct;
        setup.key = key;
        setup.spoolPath = m_options.spoolDir + u'/' + writerId + QStringLiteral(".spool");
    } else {
        setup.mode = S3ChunkedUpload::Mode::Staged;
        setup.key = m_layout.stagingKey(writerId);
    }
    Result<std::unique_ptr<S3ChunkedUpload>> upload = S3ChunkedUpload::start(m_s3, m_layout, setup);
    if (!upload)
        return upload.error();
    return std::unique_ptr<ChunkedUpload>(std::move(*upload));
}

Status S3BlobStore::cleanupWriters(std::chrono::seconds maxAge)
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - qint64(maxAge.count()) * 1000;
    Status result;
    const auto keep = [&result](const Status& status) {
        // A store without some listing (an S3 look-alike answering 400 or 501) must not keep the registry from
        // opening: what it cannot list stays until an operator removes it.
        if (!status
            && (status.error().code() == ErrorCode::InvalidArgument || status.error().code() == ErrorCode::Internal)) {
            qWarning().noquote() << status.error().message();
            return;
        }
        if (!status && result)
            result = status;
    };
    // Unfinished multipart uploads, under our own prefixes only: the bucket may hold other people's.
    for (const QString& prefix : { m_layout.blobsPrefix(), m_layout.stagingPrefix(), m_layout.uploadsPrefix() }) {
        QList<S3Client::UploadInfo> stale;
        keep(m_s3->listMultipartUploads(prefix, [&](const S3Client::UploadInfo& upload) {
            if (upload.initiatedMs > 0 && upload.initiatedMs < cutoff)
                stale.append(upload);
            return true;
        }));
        for (const S3Client::UploadInfo& upload : std::as_const(stale))
            keep(m_s3->abortMultipartUpload(upload.key, upload.uploadId));
    }
    QStringList staged;
    keep(m_s3->list(m_layout.stagingPrefix(), [&](const ObjectInfo& object) {
        if (object.modifiedMs > 0 && object.modifiedMs < cutoff)
            staged.append(object.key);
        return true;
    }));
    for (const QString& key : std::as_const(staged))
        keep(m_s3->removeObject(key));
    if (!m_options.spoolDir.isEmpty()) {
        // Spool files are unlinked while in use; one that still has a name was left by a process that died.
        const QFileInfoList files = QDir(m_options.spoolDir).entryInfoList({ QStringLiteral("*.spool") }, QDir::Files);
        for (const QFileInfo& file : files) {
            if (file.lastModified().toMSecsSinceEpoch() < cutoff)
                QFile::remove(file.absoluteFilePath());
        }
    }
    return result;
}

} // namespace sreg
