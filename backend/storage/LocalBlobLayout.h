#pragma once

#include "common/Digest.h"

#include <QString>
#include <optional>

namespace sreg {

// Where LocalBlobStore keeps what, and the exact form of every name it creates, so that anything read back
// from the directory (or handed in by a client, like an upload id) is checked against that form before it
// becomes part of a path:
//
//   <root>/blobs/sha256/<2 hex>/<64 hex>         published blobs, one per digest
//   <root>/tmp/<pid>-<host>-<random>.partial     writes in progress (blobs, parts, assembled uploads)
//   <root>/uploads/<upload id>/upload.json       options of a multipart upload
//   <root>/uploads/<upload id>/part-<5 digits>.<64 hex>   one received part, named with its SHA-256
//   <root>/uploads/<upload id>/data              the image, when its parts are written in place
//
// All of it lives on one file system, so that publishing is a rename.
class LocalBlobLayout final
{
public:
    struct TempOwner
    {
        qint64 pid = 0;
        QString hostTag;
    };
    struct PartFile
    {
        int number = 0;
        Digest digest;
    };

    static constexpr int MaxParts = 10000;

    explicit LocalBlobLayout(QString root);

    const QString& root() const { return m_root; }
    QString tmpDir() const { return m_root + QStringLiteral("/tmp"); }
    QString blobsDir() const { return m_root + QStringLiteral("/blobs/sha256"); }
    QString uploadsDir() const { return m_root + QStringLiteral("/uploads"); }
    QString blobDir(const Digest& digest) const;
    QString blobPath(const Digest& digest) const;
    // A fresh, unique temporary path owned by this process.
    QString newTempPath() const;
    // Only for ids that passed isValidUploadId().
    QString uploadDir(const QString& uploadId) const { return uploadsDir() + u'/' + uploadId; }
    QString uploadOptionsPath(const QString& uploadId) const
    {
        return uploadDir(uploadId) + QStringLiteral("/upload.json");
    }
    // The whole image of an upload whose parts are written in place (a fixed part size); its part files are
    // then empty markers of the parts received.
    QString uploadDataPath(const QString& uploadId) const { return uploadDir(uploadId) + QStringLiteral("/data"); }

    // 32 lower-case hex digits from OpenSSL's generator: URL-safe, unguessable, and trivially validated.
    static QString newUploadId();
    static bool isValidUploadId(QStringView id);
    static bool isValidPartNumber(int number) { return number >= 1 && number <= MaxParts; }
    static QString partFileName(int number, const Digest& digest);
    static std::optional<PartFile> parsePartFileName(QStringView name);
    // A blob file name is the digest in lower-case hex and must sit in the directory of its first two digits.
    static std::optional<Digest> parseBlobFileName(QStringView shard, QStringView name);
    static bool isShardName(QStringView name);

    // "<pid>-<host>-<random>.partial". The host tag tells whether the pid can be checked from here: a data
    // folder on a shared file system (an HPC home, or containers with their own pid namespace) holds temporary
    // files of processes that kill(pid, 0) cannot see, which must not be mistaken for dead ones.
    static QString tempFileName(qint64 pid);
    static std::optional<TempOwner> parseTempFileName(QStringView name);
    // 8 hex digits naming this host and pid namespace.
    static QString hostTag();

private:
    QString m_root;
};

} // namespace sreg
