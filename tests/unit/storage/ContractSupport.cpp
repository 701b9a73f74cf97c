#include "ContractSupport.h"

#include <QRandomGenerator>
#include <vector>

namespace sreg::test::contract {

QByteArray testBytes(qint64 size, quint32 seed)
{
    std::vector<quint32> words(size_t(size / 4 + 1));
    QRandomGenerator(seed).fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char*>(words.data()), size);
}

Status writeBytes(BlobWriter& writer, const QByteArray& bytes, qint64 chunk)
{
    for (qint64 offset = 0; offset < bytes.size(); offset += chunk) {
        if (Status written = writer.write(bytes.constData() + offset, std::min(chunk, bytes.size() - offset)); !written)
            return written;
    }
    return {};
}

Result<Digest> writeAndFinish(BlobWriter& writer, const QByteArray& bytes, qint64 chunk)
{
    if (Status written = writeBytes(writer, bytes, chunk); !written)
        return written.error();
    return writer.finish();
}

Result<Digest> storeBytes(BlobStore& store, const QByteArray& bytes, const BlobWriteOptions& options, qint64 chunk)
{
    Result<std::unique_ptr<BlobWriter>> writer = store.beginWrite(options);
    if (!writer)
        return writer.error();
    Result<Digest> digest = writeAndFinish(**writer, bytes, chunk);
    if (!digest)
        return digest;
    if (Status committed = (*writer)->commit(); !committed)
        return committed.error();
    return digest;
}

Result<QByteArray> readBlob(BlobStore& store, const Digest& digest)
{
    Result<std::unique_ptr<ByteSource>> source = store.openRead(digest);
    if (!source)
        return source.error();
    return (*source)->read(0, (*source)->size());
}

Result<QMap<QString, qint64>> listBlobs(BlobStore& store)
{
    QMap<QString, qint64> blobs;
    Status listed = store.enumerate([&](const BlobInfo& info) {
        const QString key = info.digest.toString();
        blobs.insert(key, blobs.contains(key) ? -1 : info.size);
        return true;
    });
    if (!listed)
        return listed.error();
    return blobs;
}

Status sendPart(BlobStore& store, const QString& uploadId, int number, const QByteArray& bytes)
{
    Result<std::unique_ptr<BlobWriter>> writer = store.beginPart(uploadId, number);
    if (!writer)
        return writer.error();
    Result<Digest> digest = writeAndFinish(**writer, bytes, 65537);
    if (!digest)
        return digest.error();
    return (*writer)->commit();
}

QList<QByteArray> splitIntoParts(const QByteArray& bytes, qint64 partSize)
{
    QList<QByteArray> parts;
    for (qint64 offset = 0; offset < bytes.size(); offset += partSize)
        parts.append(bytes.mid(offset, partSize));
    return parts;
}

} // namespace sreg::test::contract
