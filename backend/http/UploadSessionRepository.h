#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace sreg {
class Database;
}

namespace sreg::http {

// A library-API multipart upload in progress: the uploadID we handed out, the image it fills and the blob
// store's own multipart upload holding the parts. Kept in the `uploads` table so that a push cut halfway (or a
// server restart) can be resumed: the same image gets the same session back and the parts already stored.
struct UploadSession
{
    QString id;
    qint64 imageId = 0;
    QString storeUploadId;
    qint64 partSize = 0;
    int totalParts = 0;
    qint64 fileSize = 0;
    qint64 createdBy = 0; // user id; 0 = nobody in particular (the local operator)
    qint64 createdAt = 0; // Unix ms

    // Bytes part n (1-based) must have: partSize, except the last one, which holds the rest.
    qint64 sizeOfPart(int n) const;
};

// The only SQL of the HTTP layer, over the table the engine's schema (version 2) reserves for it.
class UploadSessionRepository final
{
public:
    explicit UploadSessionRepository(Database& database);

    Status insert(const UploadSession& session);
    Result<std::optional<UploadSession>> byId(const QString& id);
    Result<std::optional<UploadSession>> byImage(qint64 imageId);
    Result<QList<UploadSession>> createdBefore(qint64 ms);
    Status remove(const QString& id);

private:
    Database& m_database;
};

} // namespace sreg::http
