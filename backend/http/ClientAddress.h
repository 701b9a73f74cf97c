#pragma once

#include <QStringList>
#include <string>
#include <unordered_set>

namespace httplib {
struct Request;
}

namespace sreg::http {

// Who sent a request, for the failed-authentication limiter and the access log. Behind a reverse proxy every
// connection comes from the proxy, so one client's wrong tokens would lock everybody out: for connections from
// an address the administrator listed with --trusted-proxy, the client is the right-most X-Forwarded-For entry
// that is not itself a trusted proxy (entries further left were written by the client and prove nothing).
// Connections from anywhere else are judged by their own address, whatever headers they send.
class ClientAddress final
{
public:
    explicit ClientAddress(const QStringList& trustedProxies = {});

    std::string of(const httplib::Request& req) const;
    // Exact IPv4 or IPv6 addresses only; false for anything else (a name, a range, garbage).
    static bool isValidAddress(const QString& text);

private:
    std::unordered_set<std::string> m_trusted;
};

} // namespace sreg::http
