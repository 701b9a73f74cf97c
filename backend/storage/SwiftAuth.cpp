#include "SwiftAuth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sreg {
namespace {

constexpr qint64 RefreshMarginMs = 5 * 60 * 1000;
constexpr qint64 UnknownLifetimeMs = 24 * 3600 * 1000;

QByteArray targetOf(const QUrl& url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

bool isTransientStatus(int status)
{
    return status >= 500 || status == 429;
}

} // namespace

SwiftAuth::SwiftAuth(Options options)
    : m_options(std::move(options))
    , m_http(StorageHttpClient::Options { m_options.authUrl, m_options.verifyTls, m_options.caFile })
{
}

SwiftAuth::~SwiftAuth() = default;

QString SwiftAuth::describe() const
{
    const QString url = m_options.authUrl.toString(QUrl::RemoveUserInfo);
    switch (m_options.method) {
    case Method::TempAuth:
        return QStringLiteral("tempauth user %1 at %2").arg(m_options.user, url);
    case Method::KeystonePassword:
        return QStringLiteral("Keystone user %1 (project %2) at %3").arg(m_options.user, m_options.project, url);
    case Method::KeystoneApplicationCredential:
        return QStringLiteral("Keystone application credential %1 at %2").arg(m_options.applicationCredentialId, url);
    }
    return url;
}

Result<SwiftAuth::Session> SwiftAuth::session()
{
    std::lock_guard lock(m_mutex);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_session && m_session->expiresMs - RefreshMarginMs > now)
        return *m_session;
    m_session.reset();
    Result<Session> fresh = signIn();
    if (!fresh)
        return fresh.error();
    if (!m_options.storageUrl.isEmpty())
        fresh->storageUrl = m_options.storageUrl;
    if (fresh->expiresMs <= 0)
        fresh->expiresMs = now + UnknownLifetimeMs;
    m_session = *fresh;
    return *fresh;
}

void SwiftAuth::invalidate(const QByteArray& token)
{
    std::lock_guard lock(m_mutex);
    if (m_session && m_session->token == token)
        m_session.reset();
}

Result<SwiftAuth::Session> SwiftAuth::signIn()
{
    return m_options.retry.run<Session>([this](bool& transient) {
        return m_options.method == Method::TempAuth ? tempAuth(transient) : keystone(transient);
    });
}

Error SwiftAuth::refused(int status, const QByteArray& body) const
{
    Q_UNUSED(body) // Keystone's error bodies may echo the request; never show them
    if (status == 401 || status == 403)
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("Swift sign-in refused (HTTP %1) for %2: check the user and its key or password")
                         .arg(status)
                         .arg(describe()));
    if (status == 404)
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("no Swift sign-in service at %1 (HTTP 404): check the auth URL").arg(describe()));
    return Error(ErrorCode::Unavailable,
                 QStringLiteral("Swift sign-in failed (HTTP %1) for %2").arg(status).arg(describe()));
}

Result<SwiftAuth::Session> SwiftAuth::tempAuth(bool& transient)
{
    StorageHttpRequest request;
    request.method = "GET";
    request.target = targetOf(m_options.authUrl);
    request.headers = { { "Host", m_http.hostHeader() },
                        { "X-Auth-User", m_options.user.toUtf8() },
                        { "X-Auth-Key", m_options.secret } };
    Result<StorageHttpResponse> response = m_http.send(request);
    if (!response) {
        transient = response.error().code() == ErrorCode::Unavailable;
        return response.error().prefixed(QStringLiteral("Swift sign-in"));
    }
    if (!response->ok()) {
        transient = isTransientStatus(response->status);
        return refused(response->status, response->body);
    }
    Session session;
    session.token = response->header("x-auth-token");
    session.storageUrl = QUrl(QString::fromUtf8(response->header("x-storage-url")));
    bool ok = false;
    const qint64 seconds = response->header("x-auth-token-expires").toLongLong(&ok);
    if (ok)
        session.expiresMs = QDateTime::currentMSecsSinceEpoch() + seconds * 1000;
    if (session.token.isEmpty() || (!session.storageUrl.isValid() && m_options.storageUrl.isEmpty()))
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("the Swift sign-in at %1 gave no token or storage URL").arg(describe()));
    return session;
}

Result<SwiftAuth::Session> SwiftAuth::keystone(bool& transient)
{
    QJsonObject identity;
    if (m_options.method == Method::KeystoneApplicationCredential) {
        identity = { { QStringLiteral("methods"), QJsonArray { QStringLiteral("application_credential") } },
                     { QStringLiteral("application_credential"),
                       QJsonObject { { QStringLiteral("id"), m_options.applicationCredentialId },
                                     { QStringLiteral("secret"), QString::fromUtf8(m_options.secret) } } } };
    } else {
        const QJsonObject user { { QStringLiteral("name"), m_options.user },
                                 { QStringLiteral("domain"),
                                   QJsonObject { { QStringLiteral("name"), m_options.userDomain } } },
                                 { QStringLiteral("password"), QString::fromUtf8(m_options.secret) } };
        identity = { { QStringLiteral("methods"), QJsonArray { QStringLiteral("password") } },
                     { QStringLiteral("password"), QJsonObject { { QStringLiteral("user"), user } } } };
    }
    QJsonObject auth { { QStringLiteral("identity"), identity } };
    if (m_options.method == Method::KeystonePassword && !m_options.project.isEmpty())
        auth.insert(QStringLiteral("scope"),
                    QJsonObject {
                        { QStringLiteral("project"),
                          QJsonObject { { QStringLiteral("name"), m_options.project },
                                        { QStringLiteral("domain"),
                                          QJsonObject { { QStringLiteral("name"), m_options.projectDomain } } } } } });
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("auth"), auth } }).toJson(QJsonDocument::Compact);

    QByteArray target = targetOf(m_options.authUrl);
    while (target.endsWith('/'))
        target.chop(1);
    StorageHttpRequest request;
    request.method = "POST";
    request.target = target + "/auth/tokens";
    request.headers = { { "Host", m_http.hostHeader() } };
    request.contentType = "application/json";
    request.body = body.constData();
    request.bodySize = body.size();
    Result<StorageHttpResponse> response = m_http.send(request);
    if (!response) {
        transient = response.error().code() == ErrorCode::Unavailable;
        return response.error().prefixed(QStringLiteral("Keystone sign-in"));
    }
    if (!response->ok()) {
        transient = isTransientStatus(response->status);
        return refused(response->status, response->body);
    }
    Session session;
    session.token = response->header("x-subject-token");
    const QJsonObject token
        = QJsonDocument::fromJson(response->body).object().value(QStringLiteral("token")).toObject();
    const QDateTime expires
        = QDateTime::fromString(token.value(QStringLiteral("expires_at")).toString(), Qt::ISODateWithMs);
    if (expires.isValid())
        session.expiresMs = expires.toMSecsSinceEpoch();
    if (session.token.isEmpty())
        return Error(ErrorCode::Unavailable, QStringLiteral("Keystone at %1 gave no token").arg(describe()));
    if (m_options.storageUrl.isEmpty()) {
        Result<QUrl> endpoint = catalogEndpoint(response->body);
        if (!endpoint)
            return endpoint.error();
        session.storageUrl = *endpoint;
    }
    return session;
}

Result<QUrl> SwiftAuth::catalogEndpoint(const QByteArray& body) const
{
    const QJsonArray catalog = QJsonDocument::fromJson(body)
                                   .object()
                                   .value(QStringLiteral("token"))
                                   .toObject()
                                   .value(QStringLiteral("catalog"))
                                   .toArray();
    for (const QJsonValue& service : catalog) {
        if (service.toObject().value(QStringLiteral("type")).toString() != u"object-store")
            continue;
        for (const QJsonValue& value : service.toObject().value(QStringLiteral("endpoints")).toArray()) {
            const QJsonObject endpoint = value.toObject();
            if (endpoint.value(QStringLiteral("interface")).toString() != m_options.interface)
                continue;
            const QString region = endpoint.value(QStringLiteral("region_id"))
                                       .toString(endpoint.value(QStringLiteral("region")).toString());
            if (!m_options.region.isEmpty() && region != m_options.region)
                continue;
            const QUrl url(endpoint.value(QStringLiteral("url")).toString());
            if (url.isValid())
                return url;
        }
    }
    return Error(
        ErrorCode::Unavailable,
        QStringLiteral("the Keystone catalog at %1 has no %2 object-store endpoint%3")
            .arg(describe(), m_options.interface,
                 m_options.region.isEmpty() ? QString() : QStringLiteral(" in region %1").arg(m_options.region)));
}

} // namespace sreg
