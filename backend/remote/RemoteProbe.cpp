#include "RemoteProbe.h"

#include "RemoteErrors.h"
#include "RemoteHttp.h"

#include <QJsonArray>

namespace sreg::remote {

namespace {

Result<RemoteReply> get(RemoteHttp& http, const QString& path)
{
    RemoteRequest request;
    request.target = path;
    return http.sendIdempotent(request);
}

} // namespace

Result<RemoteInfo> RemoteProbe::run(RemoteHttp& http)
{
    RemoteInfo info;
    const QString where = http.connection().displayUrl();

    Result<RemoteReply> admin = get(http, QStringLiteral("/admin/v1/info"));
    if (!admin)
        return admin.error();
    info.certificate = http.certificate();
    if (admin->status == 401)
        return RemoteErrors::fromReply(*admin, QStringLiteral("%1 refused the token").arg(where));
    const QJsonObject adminData = admin->json().value(QStringLiteral("data")).toObject();
    if (admin->ok() && adminData.value(QStringLiteral("server")).toString() == u"sregistry-server") {
        info.kind = RemoteInfo::Kind::OurServer;
        info.adminApi = info.libraryApi = info.nativeApi = true;
        info.name = adminData.value(QStringLiteral("registryName")).toString();
        info.version = adminData.value(QStringLiteral("version")).toString();
        info.multipartResume = adminData.value(QStringLiteral("multipartResume")).toBool();
        const QJsonObject user = adminData.value(QStringLiteral("user")).toObject();
        info.user = user.value(QStringLiteral("name")).toString();
        info.admin = user.value(QStringLiteral("admin")).toBool();
        for (const QJsonValue& scope : user.value(QStringLiteral("scopes")).toArray())
            info.scopes.append(scope.toString());
        info.tokenAccepted = !info.user.isEmpty();
    }

    Result<RemoteReply> version = get(http, QStringLiteral("/version"));
    if (!version)
        return version.error();
    const QJsonObject versionData = version->json().value(QStringLiteral("data")).toObject();
    if (version->ok() && !versionData.isEmpty()) {
        info.libraryApi = true;
        info.apiVersion = versionData.value(QStringLiteral("apiVersion")).toString();
        if (info.version.isEmpty())
            info.version = versionData.value(QStringLiteral("version")).toString();
    }

    if (info.kind != RemoteInfo::Kind::OurServer) {
        Result<RemoteReply> identity = get(http, QStringLiteral("/api/registry/identity/"));
        if (!identity)
            return identity.error();
        const QJsonObject body = identity->json();
        if (identity->ok() && body.contains(QStringLiteral("name"))) {
            info.kind = RemoteInfo::Kind::Sregistry;
            info.nativeApi = true;
            info.name = body.value(QStringLiteral("name")).toString();
        }
        Result<RemoteReply> config = get(http, QStringLiteral("/assets/config/config.prod.json"));
        if (config && config->ok() && config->json().value(QStringLiteral("libraryAPI")).isObject())
            info.libraryApi = true;
        if (!info.libraryApi && !info.nativeApi)
            return Error(ErrorCode::NotFound,
                         QStringLiteral("%1 does not look like a registry: neither /version, "
                                        "/api/registry/identity/ nor /admin/v1/info answered as one")
                             .arg(where));
        if (!http.connection().token.isEmpty() && info.libraryApi) {
            Result<RemoteReply> status = get(http, QStringLiteral("/v1/token-status"));
            if (!status)
                return status.error();
            // sregistry answers 404 for a token it does not know; Apptainer reads that as "invalid credentials".
            if (status->status == 401 || status->status == 404)
                return Error(ErrorCode::Unauthenticated, QStringLiteral("%1 refused the token").arg(where));
            info.tokenAccepted = status->ok();
            // sregistry's token status names nobody; its signatures use the name the connection was given.
            if (info.tokenAccepted)
                info.user = http.connection().username;
        }
    }
    return info;
}

} // namespace sreg::remote
