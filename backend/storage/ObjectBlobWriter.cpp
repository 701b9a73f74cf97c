#include "ObjectBlobWriter.h"

#include "BufferByteSource.h"

#include <QDebug>

namespace sreg {
namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 MinChunk = 5 * MiB; // S3's smallest part but the last
constexpr qint64 MaxChunk = qint64(5) * 1024 * MiB; // S3's largest part

} // namespace

ObjectBlobWriter::ObjectBlobWriter(std::shared_ptr<ObjectStoreClient> client, BlobDestination destination,
                                   const BlobWriteOptions& options, Tuning tuning)
    : m_client(std::move(client))
    , m_destination(std::move(destination))
    , m_options(options)
    , m_tuning(tuning)
    , m_queue(tuning.parallelism)
{
    m_tuning.maxChunks = std::max(m_tuning.maxChunks, 2);
}

ObjectBlobWriter::~ObjectBlobWriter()
{
    abort();
}

qint64 ObjectBlobWriter::chunkSizeFor(const Tuning& tuning, qint64 expectedSize, int number)
{
    const qint64 base = std::clamp(tuning.chunkSize, MinChunk, MaxChunk);
    const qint64 maxChunks = std::max(tuning.maxChunks, 2);
    if (expectedSize > 0) {
        const qint64 needed = (expectedSize + maxChunks - 1) / maxChunks;
        return std::min(MaxChunk, std::max(base, (needed + MiB - 1) / MiB * MiB));
    }
    // Unknown size: the first half of the chunks have the configured size, then the size doubles every tenth,
    // so that 1000 chunks of 16 MiB reach past 100 GiB while small blobs use small chunks.
    const qint64 half = maxChunks / 2;
    if (number <= half)
        return base;
    const qint64 step = std::max<qint64>(1, maxChunks / 10);
    const int doublings = int(std::min<qint64>(20, (number - half - 1) / step + 1));
    return std::min(MaxChunk, base << doublings);
}

Error ObjectBlobWriter::fail(const Error& error)
{
    abort();
    m_failure = error;
    return error;
}

Error ObjectBlobWriter::notWriting() const
{
    if (m_failure)
        return Error(m_failure->code(), QStringLiteral("the write failed earlier: ") + m_failure->message());
    switch (m_state) {
    case State::Finished:
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the blob is already finished"));
    case State::Committed:
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the blob is already committed"));
    case State::Writing:
    case State::Closed:
        break;
    }
    return Error(ErrorCode::Cancelled, QStringLiteral("the write was aborted"));
}

Status ObjectBlobWriter::backgroundFailure()
{
    std::lock_guard lock(m_failureMutex);
    if (m_chunkFailure)
        return *m_chunkFailure;
    return {};
}

Status ObjectBlobWriter::write(const char* data, qint64 size)
{
    if (m_state != State::Writing)
        return notWriting();
    if (size < 0 || (size > 0 && !data))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid buffer"));
    if (Status failed = backgroundFailure(); !failed)
        return fail(failed.error());
    if (m_options.maxSize >= 0 && size > m_options.maxSize - m_written)
        return fail(Error(ErrorCode::TooLarge,
                          QStringLiteral("the blob is larger than the limit of %1 bytes").arg(m_options.maxSize)));
    if (m_options.expectedSize >= 0 && size > m_options.expectedSize - m_written)
        return fail(Error(ErrorCode::SizeMismatch,
                          QStringLiteral("received more than the %1 bytes announced").arg(m_options.expectedSize)));
    m_sha.update(data, size_t(size));
    m_written += size;
    while (size > 0) {
        const qint64 limit = chunkSizeFor(m_tuning, m_options.expectedSize, m_chunks + 1);
        // A full chunk goes out only when more bytes follow: a blob of exactly one chunk stays a single PUT.
        if (m_buffer.size() >= limit) {
            if (Status flushed = flushChunk(); !flushed)
                return fail(flushed.error());
            continue;
        }
        if (m_buffer.capacity() < limit && m_buffer.size() + size > m_buffer.capacity()) {
            // Later chunks are known to fill up; the first grows with the blob, so a small blob stays small.
            const qint64 grown = std::max<qint64>(m_buffer.size() + size, 2 * m_buffer.capacity());
            m_buffer.reserve(m_chunks > 0 ? limit : std::min(limit, grown));
        }
        const qint64 n = std::min(size, limit - m_buffer.size());
        m_buffer.append(data, n);
        data += n;
        size -= n;
    }
    return {};
}

Status ObjectBlobWriter::flushChunk()
{
    if (!m_upload) {
        if (!m_destination.beginChunked)
            return Error(ErrorCode::Internal, QStringLiteral("this destination takes no chunked uploads"));
        Result<std::unique_ptr<ChunkedUpload>> upload = m_destination.beginChunked();
        if (!upload)
            return upload.error();
        m_upload = std::move(*upload);
    }
    const int number = ++m_chunks;
    if (number > m_tuning.maxChunks)
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("the blob needs more than %1 chunks of the object store").arg(m_tuning.maxChunks));
    const qint64 offset = m_sent;
    m_sent += m_buffer.size();
    QByteArray chunk = std::move(m_buffer);
    m_buffer = QByteArray();
    ChunkedUpload* upload = m_upload.get();
    m_queue.submit([this, upload, number, offset, chunk] {
        {
            std::lock_guard lock(m_failureMutex);
            if (m_chunkFailure) // the blob is lost anyway: spare the store
                return;
        }
        Status sent = upload->sendChunk(number, offset, chunk.constData(), chunk.size());
        if (!sent) {
            std::lock_guard lock(m_failureMutex);
            if (!m_chunkFailure)
                m_chunkFailure = sent.error();
        }
    });
    return backgroundFailure();
}

Result<Digest> ObjectBlobWriter::finish()
{
    if (m_state == State::Finished)
        return m_digest;
    if (m_state != State::Writing)
        return notWriting();
    m_digest = m_sha.finish();
    if (m_options.expectedSize >= 0 && m_written != m_options.expectedSize)
        return fail(Error(
            ErrorCode::SizeMismatch,
            QStringLiteral("received %1 bytes, but %2 were announced").arg(m_written).arg(m_options.expectedSize)));
    if (m_options.expectedDigest && *m_options.expectedDigest != m_digest)
        return fail(Error(ErrorCode::DigestMismatch,
                          QStringLiteral("the bytes hash to %1, but %2 was announced")
                              .arg(m_digest.toString(), m_options.expectedDigest->toString())));
    if (!m_upload) {
        m_staged = std::make_unique<BufferByteSource>(m_buffer);
        m_state = State::Finished;
        return m_digest;
    }
    if (!m_buffer.isEmpty()) {
        if (Status flushed = flushChunk(); !flushed)
            return fail(flushed.error());
    }
    m_queue.waitIdle();
    if (Status failed = backgroundFailure(); !failed)
        return fail(failed.error());
    Result<std::unique_ptr<ByteSource>> staged = m_upload->finish(m_digest, m_written);
    if (!staged)
        return fail(staged.error());
    m_staged = std::move(*staged);
    m_state = State::Finished;
    return m_digest;
}

ByteSource& ObjectBlobWriter::staged()
{
    if (m_staged)
        return *m_staged;
    return m_empty;
}

Status ObjectBlobWriter::commit()
{
    if (m_state == State::Committed)
        return {};
    if (m_state != State::Finished)
        return m_state == State::Writing ? Error(ErrorCode::InvalidArgument, QStringLiteral("commit() before finish()"))
                                         : notWriting();
    if (m_upload) {
        if (Status committed = m_upload->commit(); !committed)
            return fail(committed.error());
    } else {
        const QString key = m_destination.keyFor ? m_destination.keyFor(m_digest) : m_destination.key;
        bool present = false;
        if (m_destination.keyFor) {
            Result<ObjectInfo> existing = m_client->head(key);
            if (!existing && existing.error().code() != ErrorCode::NotFound)
                return fail(existing.error());
            present = existing.ok();
        }
        if (!present) {
            if (Result<QByteArray> put = m_client->putObject(key, m_buffer.constData(), m_buffer.size()); !put)
                return fail(put.error());
        }
    }
    m_state = State::Committed;
    m_buffer = QByteArray();
    if (m_destination.afterCommit) {
        // The blob is safe by now; a tidy-up that failed only costs space until cleanupStale.
        if (Status tidied = m_destination.afterCommit(); !tidied)
            qWarning().noquote() << tidied.error().message();
    }
    return {};
}

void ObjectBlobWriter::abort()
{
    if (m_state == State::Committed || m_state == State::Closed)
        return;
    {
        std::lock_guard lock(m_failureMutex);
        if (!m_chunkFailure)
            m_chunkFailure = Error(ErrorCode::Cancelled, QStringLiteral("the write was aborted"));
    }
    m_queue.discardQueued();
    m_queue.waitIdle();
    if (m_upload)
        m_upload->abort();
    m_buffer = QByteArray();
    m_state = State::Closed;
}

} // namespace sreg
