#include "S3ChunkedUpload.h"

#include "common/FileByteSource.h"

#include <QDebug>
#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <sys/mman.h>
#include <unistd.h>

namespace sreg {

S3ChunkedUpload::S3ChunkedUpload(std::shared_ptr<S3Client> client, const ObjectKeyLayout& layout, Setup setup)
    : m_client(std::move(client)), m_layout(layout), m_setup(std::move(setup))
{
}

S3ChunkedUpload::~S3ChunkedUpload()
{
    abort();
    if (m_setup.releaseSpool)
        m_setup.releaseSpool();
}

Result<std::unique_ptr<S3ChunkedUpload>> S3ChunkedUpload::start(std::shared_ptr<S3Client> client,
                                                                const ObjectKeyLayout& layout, Setup setup)
{
    std::unique_ptr<S3ChunkedUpload> upload(new S3ChunkedUpload(std::move(client), layout, std::move(setup)));
    const Setup& s = upload->m_setup;
    if (s.mode == Mode::Direct) {
        if (s.spoolInMemory) {
            // Anonymous memory: no dirty pages for the kernel to write back (and throttle) while the same disk
            // may be busy with the object store's own writes. Read back through /proc like a file.
            upload->m_spoolFd = ::memfd_create("sregistry-spool", MFD_CLOEXEC);
            upload->m_setup.spoolPath = QStringLiteral("/proc/self/fd/%1").arg(upload->m_spoolFd);
        } else {
            const QByteArray path = QFile::encodeName(s.spoolPath);
            upload->m_spoolFd = ::open(path.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        }
        if (upload->m_spoolFd < 0)
            return Error(ErrorCode::Io,
                         QStringLiteral("cannot create the spool %1: %2")
                             .arg(upload->m_setup.spoolPath, QString::fromLocal8Bit(std::strerror(errno))));
        Result<ObjectInfo> existing = upload->m_client->head(s.key);
        if (existing) {
            upload->m_alreadyStored = true;
            return upload;
        }
        if (existing.error().code() != ErrorCode::NotFound)
            return existing.error();
    }
    Result<QString> uploadId = upload->m_client->createMultipartUpload(s.key);
    if (!uploadId)
        return uploadId.error();
    upload->m_uploadId = *uploadId;
    return upload;
}

Status S3ChunkedUpload::spoolChunk(qint64 offset, const char* data, qint64 size) const
{
    for (qint64 done = 0; done < size;) {
        const ssize_t n = ::pwrite(m_spoolFd, data + done, size_t(size - done), off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Error(ErrorCode::Io,
                         QStringLiteral("cannot write the spool file %1: %2")
                             .arg(m_setup.spoolPath, QString::fromLocal8Bit(std::strerror(errno))));
        done += n;
    }
    return {};
}

Status S3ChunkedUpload::sendChunk(int number, qint64 offset, const char* data, qint64 size)
{
    // The local copy is written while the part travels: when the disk is busy (the kernel throttles writers of
    // dirty pages), writing first would hold every part back by as long (measured: a fifth slower on 1 GiB).
    std::future<Status> spooled;
    if (m_spoolFd >= 0)
        spooled = std::async(std::launch::async, [=, this] { return spoolChunk(offset, data, size); });
    Status sent;
    if (!m_alreadyStored) {
        Result<QByteArray> etag = m_client->uploadPart(m_setup.key, m_uploadId, number, data, size);
        if (etag) {
            std::lock_guard lock(m_mutex);
            m_etags.insert(number, *etag);
        } else {
            sent = etag.error();
        }
    }
    if (spooled.valid()) {
        if (Status written = spooled.get(); !written)
            return written;
    }
    return sent;
}

QList<QPair<int, QByteArray>> S3ChunkedUpload::partList() const
{
    std::lock_guard lock(m_mutex);
    QList<QPair<int, QByteArray>> parts;
    for (auto it = m_etags.constBegin(); it != m_etags.constEnd(); ++it)
        parts.push_back({ it.key(), it.value() });
    return parts;
}

Result<std::unique_ptr<ByteSource>> S3ChunkedUpload::finish(const Digest& digest, qint64 size)
{
    m_digest = digest;
    m_size = size;
    switch (m_setup.mode) {
    case Mode::Direct: {
        Result<std::unique_ptr<FileByteSource>> spool = FileByteSource::open(m_setup.spoolPath);
        if (!spool)
            return spool.error();
        // The open source keeps the bytes; the name is not needed any more, and a crash leaves nothing.
        if (!m_setup.spoolInMemory)
            ::unlink(QFile::encodeName(m_setup.spoolPath).constData());
        ::close(m_spoolFd);
        m_spoolFd = -1;
        return std::unique_ptr<ByteSource>(std::move(*spool));
    }
    case Mode::Staged: {
        if (Status completed = m_client->completeMultipartUpload(m_setup.key, m_uploadId, partList()); !completed)
            return completed.error();
        m_uploadId.clear();
        m_stagedComplete = true;
        return std::unique_ptr<ByteSource>(
            std::make_unique<ObjectByteSource>(m_client, m_setup.key, size, m_setup.reader));
    }
    case Mode::Keyed:
        break;
    }
    return std::unique_ptr<ByteSource>();
}

Status S3ChunkedUpload::commit()
{
    if (m_committed)
        return {};
    if (m_setup.mode == Mode::Staged) {
        if (Status copied = copyToFinal(); !copied)
            return copied;
    } else if (!m_alreadyStored) {
        if (Status completed = m_client->completeMultipartUpload(m_setup.key, m_uploadId, partList()); !completed)
            return completed;
        m_uploadId.clear();
    }
    m_committed = true;
    return {};
}

Status S3ChunkedUpload::copyToFinal()
{
    const QString target = m_layout.blobKey(m_digest);
    Result<ObjectInfo> existing = m_client->head(target);
    if (!existing && existing.error().code() != ErrorCode::NotFound)
        return existing.error();
    if (!existing) {
        const bool inParts = m_size > m_setup.copyPartSize && !m_client->options().gcs;
        if (Status copied = inParts ? copyInParts(target) : m_client->copyObject(target, m_setup.key); !copied)
            return copied;
    }
    // The blob is safe under its name; a staging object left behind is found by cleanupStale.
    if (Status removed = m_client->removeObject(m_setup.key); !removed)
        qWarning().noquote() << removed.error().message();
    m_stagedComplete = false;
    return {};
}

Status S3ChunkedUpload::copyInParts(const QString& target)
{
    Result<QString> uploadId = m_client->createMultipartUpload(target);
    if (!uploadId)
        return uploadId.error();
    // Parts of at most 1 GiB (several copies run inside the store at once), at least S3's 5 MiB, and few enough.
    constexpr qint64 MinPart = 5 * 1024 * 1024;
    const qint64 partSize = std::max({ MinPart, (m_size + m_setup.maxParts - 1) / m_setup.maxParts,
                                       std::min<qint64>(m_setup.copyPartSize, qint64(1) << 30) });
    QList<QPair<int, QByteArray>> parts;
    for (qint64 first = 0; first < m_size; first += partSize) {
        const int number = int(parts.size()) + 1;
        const qint64 last = std::min(m_size, first + partSize) - 1;
        Result<QByteArray> etag = m_client->uploadPartCopy(target, *uploadId, number, m_setup.key, first, last);
        if (!etag) {
            (void)m_client->abortMultipartUpload(target, *uploadId); // the copy's failure is what matters
            return etag.error();
        }
        parts.push_back({ number, *etag });
    }
    if (Status completed = m_client->completeMultipartUpload(target, *uploadId, parts); !completed) {
        (void)m_client->abortMultipartUpload(target, *uploadId);
        return completed;
    }
    return {};
}

void S3ChunkedUpload::abort()
{
    if (m_spoolFd >= 0) {
        ::close(m_spoolFd);
        m_spoolFd = -1;
        if (!m_setup.spoolInMemory)
            ::unlink(QFile::encodeName(m_setup.spoolPath).constData());
    }
    if (m_committed)
        return;
    if (!m_uploadId.isEmpty()) {
        if (Status aborted = m_client->abortMultipartUpload(m_setup.key, m_uploadId); !aborted)
            qWarning().noquote() << aborted.error().message();
        m_uploadId.clear();
    }
    if (m_stagedComplete) {
        if (Status removed = m_client->removeObject(m_setup.key); !removed)
            qWarning().noquote() << removed.error().message();
        m_stagedComplete = false;
    }
}

} // namespace sreg
