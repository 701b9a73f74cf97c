#pragma once

#include "common/Digest.h"
#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace sreg::remote {

class RemoteHttp;

// The library API as an image copier uses it (the calls `apptainer push` and `pull` make): look an image up by
// tag or digest, create collection, container and image when missing, set tags, and the path to read an image
// from. The entity in paths is informational on our server and on sregistry; the signed-in user's name is sent.
class LibraryClient final
{
public:
    struct Image
    {
        QString id;
        QString hash; // "sha256.<hex>"
        qint64 size = 0;
        bool uploaded = false;
        QString arch;
        QString containerId;
        QStringList tags;
    };

    LibraryClient(RemoteHttp& http, QString entity, QString apiVersion);

    // nullopt when there is no such image (404). tagOrDigest: "latest" or "sha256.<hex>".
    Result<std::optional<Image>> image(const QString& collection, const QString& container, const QString& tagOrDigest,
                                       const QString& arch);
    // The IDs of collection and container, creating them when missing.
    Result<QString> ensureCollection(const QString& collection, bool isPrivate);
    Result<QString> ensureContainer(const QString& collectionId, const QString& collection, const QString& container);
    // Announces an image of that digest in the container; uploaded says whether the server already has its bytes.
    Result<Image> createImage(const QString& containerId, const Digest& digest, const QString& description);
    // Points tag at the image (v2 tags with the architecture when the server speaks them). Frozen tags: 409.
    Status setTag(const QString& containerId, const QString& tag, const QString& imageId, const QString& arch);
    // GET path of an image's bytes.
    QString imageFilePath(const QString& collection, const QString& container, const QString& tagOrDigest,
                          const QString& arch) const;
    const QString& apiVersion() const { return m_apiVersion; }
    bool hasV2Upload() const; // apiVersion >= 2.0.0-alpha.1

private:
    QString refPath(const QString& kind, const QString& collection, const QString& container,
                    const QString& tagOrDigest, const QString& arch) const;
    Result<QJsonObject> postJson(const QString& path, const QJsonObject& body, const QString& what);

    RemoteHttp& m_http;
    QString m_entity;
    QString m_apiVersion;
};

} // namespace sreg::remote
