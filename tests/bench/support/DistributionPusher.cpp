#include "DistributionPusher.h"

#include "common/Sha256.h"

namespace sreg::bench {

DistributionPusher::DistributionPusher(ApiSession& session, QString repository)
    : m_session(session), m_repository(repository.toStdString())
{
}

QString DistributionPusher::fail(const std::string& what, const ApiSession::Reply& reply)
{
    return QStringLiteral("%1: HTTP %2 %3 %4")
        .arg(QString::fromStdString(what))
        .arg(reply.status)
        .arg(QString::fromStdString(reply.error), QString::fromStdString(reply.body).left(300));
}

std::string DistributionPusher::config()
{
    return R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
}

std::string DistributionPusher::manifest(const QString& configDigest, qint64 configSize, const QString& layerDigest,
                                         qint64 layerSize)
{
    return QStringLiteral(R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
                          R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%1,)"
                          R"("digest":"sha256:%2"},"layers":[{"mediaType":)"
                          R"("application/vnd.docker.image.rootfs.diff.tar.gzip","size":%3,"digest":"sha256:%4"}]})")
        .arg(configSize)
        .arg(configDigest)
        .arg(layerSize)
        .arg(layerDigest)
        .toStdString();
}

QString DistributionPusher::uploadBlob(const std::string& bytes, const std::string& digest)
{
    const std::string blob = "/v2/" + m_repository + "/blobs/sha256:" + digest;
    const ApiSession::Reply exists = m_session.head(blob);
    if (exists.status == 200)
        return {}; // docker skips blobs the registry has
    const ApiSession::Reply started = m_session.post("/v2/" + m_repository + "/blobs/uploads/", {});
    if (started.status != 202 || started.location.empty())
        return fail("POST blobs/uploads", started);
    std::string target = ApiSession::pathOf(started.location);
    target += (target.find('?') == std::string::npos ? '?' : '&');
    target += "digest=sha256:" + digest;
    const ApiSession::Reply stored = m_session.put(target, bytes, "application/octet-stream");
    if (stored.status != 201)
        return fail("PUT blob", stored);
    return {};
}

QString DistributionPusher::push(const std::string& bytes, const QString& sha256Hex, const QString& tag)
{
    if (QString failed = uploadBlob(bytes, sha256Hex.toStdString()); !failed.isEmpty())
        return failed;
    const std::string configBytes = config();
    const QString configHex = Sha256::of(QByteArrayView(configBytes.data(), qsizetype(configBytes.size()))).hex();
    if (QString failed = uploadBlob(configBytes, configHex.toStdString()); !failed.isEmpty())
        return failed;
    const ApiSession::Reply put
        = m_session.put("/v2/" + m_repository + "/manifests/" + tag.toStdString(),
                        manifest(configHex, qint64(configBytes.size()), sha256Hex, qint64(bytes.size())),
                        "application/vnd.docker.distribution.manifest.v2+json");
    if (put.status != 201)
        return fail("PUT manifest", put);
    return {};
}

} // namespace sreg::bench
