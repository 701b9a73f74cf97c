#include "ClientAddress.h"

#include <QHostAddress>
#include <httplib.h>

namespace sreg::http {

namespace {

// One canonical spelling per address ("::ffff:127.0.0.1" and "127.0.0.1" are the same client).
std::string canonical(const QString& text)
{
    QHostAddress address;
    if (!address.setAddress(text.trimmed()))
        return {};
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString().toStdString();
    return address.toString().toStdString();
}

} // namespace

ClientAddress::ClientAddress(const QStringList& trustedProxies)
{
    for (const QString& proxy : trustedProxies) {
        const std::string address = canonical(proxy);
        if (!address.empty())
            m_trusted.insert(address);
    }
}

bool ClientAddress::isValidAddress(const QString& text)
{
    return !canonical(text).empty();
}

std::string ClientAddress::of(const httplib::Request& req) const
{
    if (m_trusted.empty())
        return req.remote_addr;
    std::string peer = canonical(QString::fromStdString(req.remote_addr));
    if (peer.empty())
        peer = req.remote_addr;
    if (!m_trusted.count(peer) || !req.has_header("X-Forwarded-For"))
        return peer;
    // Every X-Forwarded-For header, in order, as one list; walked from the right (the hop nearest to us).
    QStringList hops;
    const size_t count = req.get_header_value_count("X-Forwarded-For");
    for (size_t i = 0; i < count; ++i)
        hops += QString::fromStdString(req.get_header_value("X-Forwarded-For", i)).split(u',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const std::string address = canonical(*hop);
        if (address.empty())
            return peer; // a hop we cannot read: do not guess past it
        if (!m_trusted.count(address))
            return address;
        peer = address;
    }
    return peer; // only proxies in the chain
}

} // namespace sreg::http
