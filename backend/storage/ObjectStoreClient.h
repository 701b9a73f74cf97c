#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <functional>

namespace sreg {

struct ObjectInfo
{
    QString key;
    qint64 size = -1;
    qint64 modifiedMs = 0; // Unix milliseconds, 0 when unknown
    QByteArray etag; // as the store gives it, quotes removed
};

// The handful of object operations that S3 (and GCS through it) and Swift all offer, so that what sits on top
// of them (ranged readers, the multipart uploads of the BlobStore interface, stale-upload cleanup, migration)
// is written once. Keys are the store's object names, without bucket or container. Every call retries
// transient failures itself (RetryPolicy) and is safe from several threads at once.
class ObjectStoreClient
{
public:
    virtual ~ObjectStoreClient() = default;

    virtual QString describe() const = 0; // "s3 https://host/bucket", without secrets

    virtual Result<ObjectInfo> head(const QString& key) = 0; // NotFound when absent
    // Stores size bytes under key in one request (replacing what was there); returns the store's ETag.
    virtual Result<QByteArray> putObject(const QString& key, const char* data, qint64 size) = 0;
    // Reads up to length bytes at offset into buffer; fewer only at the end of the object, 0 at or past it.
    virtual Result<qint64> readRange(const QString& key, qint64 offset, qint64 length, char* buffer) = 0;
    // A whole small object (a few KiB of JSON); TooLarge beyond maxSize.
    virtual Result<QByteArray> getObject(const QString& key, qint64 maxSize) = 0;
    virtual Status removeObject(const QString& key) = 0; // removing an absent object succeeds
    // Every object whose key starts with prefix, in key order, until visit returns false.
    virtual Status list(const QString& prefix, const std::function<bool(const ObjectInfo&)>& visit) = 0;
};

} // namespace sreg
