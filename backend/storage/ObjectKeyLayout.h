#pragma once

#include "common/Digest.h"

#include <QString>
#include <optional>

namespace sreg {

// Where an object-store backend keeps what, under a configurable prefix (so that one bucket can hold several
// registries, or other data):
//   <prefix>blobs/sha256/<hex>                         one object per blob (content addressing)
//   <prefix>staging/<writer>                            S3: a blob being written, before its copy into blobs/;
//                                                       Swift: the marker of a writer whose segments are out
//   <prefix>segments/<writer>/<000001>                  Swift: the segments of large blobs (their manifests
//                                                       are the objects in blobs/)
//   <prefix>uploads/<upload>/upload.json                a multipart upload of the BlobStore interface
//   <prefix>uploads/<upload>/part-<00001>.<writer>      its parts; a re-sent part has a newer writer id
// Writer ids start with the time in hexadecimal milliseconds, so that they sort by age and cleanupStale can
// tell an abandoned write from a live one without any other bookkeeping.
class ObjectKeyLayout final
{
public:
    struct PartKey
    {
        int number = 0;
        QString writerId;
    };

    static constexpr int MaxParts = 10000;

    explicit ObjectKeyLayout(const QString& prefix); // a trailing '/' is added when missing

    const QString& prefix() const { return m_prefix; }
    QString blobsPrefix() const { return m_prefix + QStringLiteral("blobs/sha256/"); }
    QString blobKey(const Digest& digest) const { return blobsPrefix() + digest.hex(); }
    std::optional<Digest> parseBlobKey(const QString& key) const;

    QString stagingPrefix() const { return m_prefix + QStringLiteral("staging/"); }
    QString stagingKey(const QString& writerId) const { return stagingPrefix() + writerId; }
    QString segmentsPrefix() const { return m_prefix + QStringLiteral("segments/"); }
    QString segmentPrefix(const QString& writerId) const { return segmentsPrefix() + writerId + u'/'; }
    QString segmentKey(const QString& writerId, int number) const;

    QString uploadsPrefix() const { return m_prefix + QStringLiteral("uploads/"); }
    QString uploadPrefix(const QString& uploadId) const { return uploadsPrefix() + uploadId + u'/'; }
    QString uploadOptionsKey(const QString& uploadId) const
    {
        return uploadPrefix(uploadId) + QStringLiteral("upload.json");
    }
    QString partPrefix(const QString& uploadId) const { return uploadPrefix(uploadId) + QStringLiteral("part-"); }
    QString partKey(const QString& uploadId, int number, const QString& writerId) const;
    // The part number and writer of a key under partPrefix(uploadId); nullopt for anything else.
    static std::optional<PartKey> parsePartKey(const QString& uploadId, const QString& key,
                                               const ObjectKeyLayout& layout);

    static QString newUploadId(); // 26 characters of [a-z2-7]
    static bool isValidUploadId(const QString& uploadId);
    static QString newWriterId(); // "<12 hex digits of ms>-<10 random>"
    static bool isValidWriterId(const QString& writerId);
    static qint64 writerIdTime(const QString& writerId); // ms since the epoch; 0 when unreadable

private:
    QString m_prefix;
};

} // namespace sreg
