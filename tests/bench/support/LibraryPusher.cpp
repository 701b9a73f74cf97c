#include "LibraryPusher.h"

namespace sreg::bench {

LibraryPusher::LibraryPusher(ApiSession& session, QString entity, QString collection, QString container)
    : m_session(session)
    , m_entity(std::move(entity))
    , m_collection(std::move(collection))
    , m_container(std::move(container))
{
}

QString LibraryPusher::fail(const std::string& what, const ApiSession::Reply& reply)
{
    m_error = QStringLiteral("%1: HTTP %2 %3 %4")
                  .arg(QString::fromStdString(what))
                  .arg(reply.status)
                  .arg(QString::fromStdString(reply.error), QString::fromStdString(reply.body).left(300));
    return m_error;
}

QString LibraryPusher::lookupOrCreate(const std::string& path, const std::string& createPath,
                                      const QJsonObject& createBody)
{
    ApiSession::Reply found = m_session.get(path);
    if (found.status == 404)
        found = m_session.post(createPath, ApiSession::jsonText(createBody));
    if (found.status != 200 && found.status != 201) {
        fail(path, found);
        return {};
    }
    return found.data().value(QStringLiteral("id")).toString();
}

QString LibraryPusher::push(const std::string& bytes, const QString& sha256Hex, const QString& tag, const QString& arch)
{
    m_error.clear();
    const std::string entity = m_entity.toStdString();
    const std::string collection = m_collection.toStdString();
    const std::string container = m_container.toStdString();
    const auto named = [](const QString& name, QJsonObject extra) {
        extra.insert(QStringLiteral("name"), name);
        extra.insert(QStringLiteral("description"), QStringLiteral("No description"));
        return extra;
    };

    // The client asks for /version before the upload and again before tagging.
    if (ApiSession::Reply version = m_session.get("/version"); version.status != 200)
        return fail("/version", version);
    const QString entityId = lookupOrCreate("/v1/entities/" + entity, "/v1/entities", named(m_entity, {}));
    if (entityId.isEmpty())
        return m_error.isEmpty() ? QStringLiteral("no entity id") : m_error;
    const QString collectionId = lookupOrCreate("/v1/collections/" + entity + '/' + collection, "/v1/collections",
                                                named(m_collection, { { QStringLiteral("entity"), entityId } }));
    if (collectionId.isEmpty())
        return m_error.isEmpty() ? QStringLiteral("no collection id") : m_error;
    const QString containerId
        = lookupOrCreate("/v1/containers/" + entity + '/' + collection + '/' + container, "/v1/containers",
                         named(m_container, { { QStringLiteral("collection"), collectionId } }));
    if (containerId.isEmpty())
        return m_error.isEmpty() ? QStringLiteral("no container id") : m_error;

    const std::string hash = "sha256." + sha256Hex.toStdString();
    ApiSession::Reply image = m_session.get("/v1/images/" + entity + '/' + collection + '/' + container + ':' + hash
                                            + "?arch=" + arch.toStdString());
    if (image.status == 404)
        image = m_session.post(
            "/v1/images",
            ApiSession::jsonText(QJsonObject { { QStringLiteral("hash"), QString::fromStdString(hash) },
                                               { QStringLiteral("description"), QString() },
                                               { QStringLiteral("container"), containerId },
                                               { QStringLiteral("uploaded"), false } }));
    if (image.status != 200 && image.status != 201)
        return fail("image", image);
    const std::string imageId = image.data().value(QStringLiteral("id")).toString().toStdString();
    if (!image.data().value(QStringLiteral("uploaded")).toBool()) {
        const ApiSession::Reply url
            = m_session.post("/v2/imagefile/" + imageId,
                             ApiSession::jsonText(QJsonObject { { QStringLiteral("filesize"), qint64(bytes.size()) },
                                                                { QStringLiteral("sha256sum"), sha256Hex } }));
        const std::string uploadUrl = url.data().value(QStringLiteral("uploadURL")).toString().toStdString();
        if (url.status != 200 || uploadUrl.empty())
            return fail("POST /v2/imagefile", url);
        if (ApiSession::Reply put = m_session.put(ApiSession::pathOf(uploadUrl), bytes, "application/octet-stream");
            put.status != 200)
            return fail("PUT uploadURL", put);
        if (ApiSession::Reply done = m_session.put("/v2/imagefile/" + imageId + "/_complete", "{}");
            done.status != 200 && done.status != 204)
            return fail("_complete", done);
    }

    if (ApiSession::Reply version = m_session.get("/version"); version.status != 200)
        return fail("/version", version);
    const std::string tags = "/v2/tags/" + containerId.toStdString();
    if (ApiSession::Reply current = m_session.get(tags); current.status != 200)
        return fail("GET v2/tags", current);
    const ApiSession::Reply tagged = m_session.post(
        tags,
        ApiSession::jsonText(QJsonObject { { QStringLiteral("Arch"), arch },
                                           { QStringLiteral("Tag"), tag },
                                           { QStringLiteral("ImageID"), QString::fromStdString(imageId) } }));
    if (tagged.status != 200)
        return fail("POST v2/tags", tagged);
    return {};
}

} // namespace sreg::bench
