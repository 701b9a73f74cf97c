#pragma once

#include "storage/BlobStore.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <functional>
#include <memory>

// Helpers of the BlobStore contract suites: they use the interface only, so that every backend runs them.
namespace sreg::test::contract {

using Factory = std::function<std::unique_ptr<BlobStore>()>;

constexpr qint64 MiB = 1024 * 1024;

// Deterministic bytes that no two seeds share.
QByteArray testBytes(qint64 size, quint32 seed);
Status writeBytes(BlobWriter& writer, const QByteArray& bytes, qint64 chunk);
// Writes and finishes, without committing; the first error of either.
Result<Digest> writeAndFinish(BlobWriter& writer, const QByteArray& bytes, qint64 chunk = 100003);
Result<Digest> storeBytes(BlobStore& store, const QByteArray& bytes, const BlobWriteOptions& options = {},
                          qint64 chunk = 100003);
Result<QByteArray> readBlob(BlobStore& store, const Digest& digest);
// Digest text -> size; a digest listed twice makes the size negative, which no comparison accepts.
Result<QMap<QString, qint64>> listBlobs(BlobStore& store);
Status sendPart(BlobStore& store, const QString& uploadId, int number, const QByteArray& bytes);
QList<QByteArray> splitIntoParts(const QByteArray& bytes, qint64 partSize);

} // namespace sreg::test::contract
