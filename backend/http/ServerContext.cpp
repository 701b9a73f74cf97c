#include "ServerContext.h"

#include "registry/AccountService.h"
#include "registry/Registry.h"

#include <httplib.h>

namespace sreg::http {

namespace {

// host, host:port, [v6]:port: letters, digits and the few punctuation marks hosts use. Anything else (a
// forged header) falls back to the listen address.
bool plausibleHost(const QString& host)
{
    if (host.isEmpty() || host.size() > 255)
        return false;
    for (QChar c : host) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'-' || c == u':' || c == u'[' || c == u']';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

ServerContext::ServerContext(Registry& registry, const ServerConfig& config, bool tls)
    : m_registry(registry)
    , m_config(config)
    , m_tls(tls)
    , m_port(config.port)
    , m_clientAddress(config.trustedProxies)
    , m_rateLimiter(config.authFailureLimit, config.authFailureWindow)
    , m_bearer(registry.accounts(), m_rateLimiter, m_clientAddress)
    , m_hmac(registry.accounts(), m_rateLimiter, m_clientAddress)
    , m_uploads(registry.database())
{
    // A capability URL is worth no more than the token that obtained it: revoking the token kills its URLs.
    m_capabilities.setActorCheck([&registry](const Actor& actor) -> std::optional<Actor> {
        if (actor.tokenId == 0)
            return actor;
        Result<Actor> current = registry.accounts().actorForToken(actor.tokenId);
        return current ? std::optional<Actor>(*current) : std::nullopt;
    });
}

QString ServerContext::baseUrl(const httplib::Request& req) const
{
    if (!m_config.publicUrl.isEmpty()) {
        QString url = m_config.publicUrl;
        while (url.endsWith(u'/'))
            url.chop(1);
        return url;
    }
    const QString scheme = m_tls ? QStringLiteral("https://") : QStringLiteral("http://");
    const QString host = QString::fromStdString(req.get_header_value("Host"));
    if (plausibleHost(host))
        return scheme + host;
    QString listenHost = m_config.host;
    if (listenHost == u"0.0.0.0" || listenHost == u"::" || listenHost.isEmpty())
        listenHost = QString::fromStdString(req.local_addr);
    if (listenHost.contains(u':'))
        listenHost = u'[' + listenHost + u']';
    return scheme + listenHost + u':' + QString::number(m_port);
}

QString ServerContext::capabilityUrl(const httplib::Request& req, const QString& token) const
{
    return baseUrl(req) + CapabilityUrls::PathPrefix + token;
}

std::optional<bool> ServerContext::newCollectionPrivacy(bool requestedPrivate) const
{
    if (requestedPrivate || m_config.defaultPrivate)
        return true;
    return std::nullopt;
}

} // namespace sreg::http
