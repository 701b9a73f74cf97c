#pragma once

#include "BearerAuth.h"
#include "CapabilityUrls.h"
#include "HmacAuth.h"
#include "HttplibFwd.h"
#include "ClientAddress.h"
#include "RateLimiter.h"
#include "ServerConfig.h"
#include "UploadSessionRepository.h"

#include <QString>
#include <atomic>
#include <optional>

namespace sreg {
class Registry;
}

namespace sreg::http {

// What the API handlers share: the engine, the configuration, the authenticators and the capability URLs,
// plus the flag that tells in-flight uploads the server is stopping.
class ServerContext final
{
public:
    ServerContext(Registry& registry, const ServerConfig& config, bool tls);

    Registry& registry() { return m_registry; }
    const ServerConfig& config() const { return m_config; }
    CapabilityUrls& capabilities() { return m_capabilities; }
    RateLimiter& rateLimiter() { return m_rateLimiter; }
    // The request's client: its peer, or what a trusted proxy says the client was.
    std::string clientAddress(const httplib::Request& req) const { return m_clientAddress.of(req); }
    BearerAuth& bearer() { return m_bearer; }
    HmacAuth& hmac() { return m_hmac; }
    UploadSessionRepository& uploads() { return m_uploads; }

    const std::atomic<bool>& stopping() const { return m_stopping; }
    void setStopping() { m_stopping = true; }
    void setListenPort(int port) { m_port = port; }

    // Where clients reach us: --public-url; else the request's Host header (so that a URL we hand out goes
    // where the client already connects); else the listen address. No trailing slash.
    QString baseUrl(const httplib::Request& req) const;
    QString capabilityUrl(const httplib::Request& req, const QString& token) const;
    // Privacy for collections created over HTTP when the client did not ask for private: --default-private.
    std::optional<bool> newCollectionPrivacy(bool requestedPrivate) const;

private:
    Registry& m_registry;
    const ServerConfig& m_config;
    const bool m_tls;
    int m_port = 0;
    std::atomic<bool> m_stopping { false };
    CapabilityUrls m_capabilities;
    ClientAddress m_clientAddress;
    RateLimiter m_rateLimiter;
    BearerAuth m_bearer;
    HmacAuth m_hmac;
    UploadSessionRepository m_uploads;
};

} // namespace sreg::http
