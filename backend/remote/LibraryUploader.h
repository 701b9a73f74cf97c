#pragma once

#include "RemoteMessage.h"
#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"
#include "registry/ImageService.h"

#include <QMap>
#include <QString>

namespace sreg::remote {

class RemoteHttp;

// Sends an announced image's bytes with the library API's v2 upload, streaming them from a ByteSource (never
// the whole image in memory):
// - on our server (which lists the parts it has acknowledged), images over 64 MiB go in parts: a push that broke
//   off, or an app that stopped, continues with the parts the server does not have yet, each part retried on
//   its own; every part's SHA-256 is computed while it is sent and compared with the ETag the server returns;
// - elsewhere (sregistry's presigned object-store URLs, other library servers), one PUT, with the whole image's
//   SHA-256 in x-amz-content-sha256 when the URL is signed over it.
// The server checks the assembled image against the digest it was announced with before it records anything.
class LibraryUploader final
{
public:
    static constexpr qint64 MultipartThreshold = qint64(64) << 20;

    LibraryUploader(RemoteHttp& http, bool serverListsParts);

    Status upload(const QString& imageId, const Digest& digest, ByteSource& source, const ProgressCallback& progress);

    int partsSent() const { return m_partsSent; } // for tests: how many parts went over the wire
    int partsSkipped() const { return m_partsSkipped; }

private:
    struct Session
    {
        QString uploadId;
        int totalParts = 0;
        qint64 partSize = 0;
    };
    Status single(const QString& imageId, const Digest& digest, ByteSource& source, const ProgressCallback& progress);
    // nullopt when the server has no multipart (404): the caller falls back to one PUT.
    Result<std::optional<Session>> startMultipart(const QString& imageId, qint64 size);
    Result<QMap<int, QString>> acknowledgedParts(const QString& imageId, const Session& session);
    Result<QString> sendPart(const QString& imageId, const Session& session, int number, ByteSource& source,
                             const std::function<bool(qint64)>& sent);
    Status multipart(const QString& imageId, const Session& session, ByteSource& source,
                     const ProgressCallback& progress);
    // PUTs [offset, offset + size) of source to url (no credentials); returns the ETag; hashes into digest.
    Result<QByteArray> putBytes(const QString& url, ByteSource& source, qint64 offset, qint64 size,
                                const HeaderList& headers, Digest* digest, const std::function<bool(qint64)>& sent);
    Result<QJsonObject> json(const QByteArray& method, const QString& path, const QJsonObject& body,
                             const QString& what);

    RemoteHttp& m_http;
    bool m_serverListsParts = false;
    int m_partsSent = 0;
    int m_partsSkipped = 0;
};

} // namespace sreg::remote
