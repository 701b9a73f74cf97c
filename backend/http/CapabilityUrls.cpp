#include "CapabilityUrls.h"

#include "common/RandomId.h"
#include "common/Sha256.h"

namespace sreg::http {

namespace {
constexpr int TokenBytes = 32;
}

CapabilityUrls::CapabilityUrls(Clock clock)
    : m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
{
}

QByteArray CapabilityUrls::keyOf(const QString& token)
{
    const Digest digest = Sha256::of(token.toLatin1());
    return QByteArray(reinterpret_cast<const char*>(digest.bytes().data()), int(digest.bytes().size()));
}

bool CapabilityUrls::looksLikeToken(const QString& token)
{
    if (token.size() != 43) // base64url of 32 bytes, unpadded
        return false;
    for (QChar c : token) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'_';
        if (!ok)
            return false;
    }
    return true;
}

QString CapabilityUrls::issue(const CapabilityGrant& grant, std::chrono::seconds validity)
{
    const QString token = QString::fromLatin1(
        randomBytes(TokenBytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const std::lock_guard lock(m_mutex);
    const auto now = m_clock();
    pruneLocked(now);
    m_grants.insert(keyOf(token), Entry { grant, now + validity, ++m_sequence });
    return token;
}

std::optional<CapabilityGrant> CapabilityUrls::find(const QString& token, CapabilityGrant::Purpose purpose)
{
    if (!looksLikeToken(token))
        return std::nullopt;
    std::optional<CapabilityGrant> grant;
    {
        const std::lock_guard lock(m_mutex);
        const auto found = m_grants.constFind(keyOf(token));
        if (found == m_grants.cend())
            return std::nullopt;
        if (m_clock() >= found->expiresAt) {
            m_grants.erase(found);
            return std::nullopt;
        }
        if (found->grant.purpose != purpose)
            return std::nullopt;
        grant = found->grant;
    }
    // Outside the lock: the check may hit the database.
    if (m_actorCheck) {
        std::optional<Actor> current = m_actorCheck(grant->actor);
        if (!current) {
            revoke(token);
            return std::nullopt;
        }
        grant->actor = *current;
    }
    return grant;
}

void CapabilityUrls::revoke(const QString& token)
{
    const std::lock_guard lock(m_mutex);
    m_grants.remove(keyOf(token));
}

int CapabilityUrls::size()
{
    const std::lock_guard lock(m_mutex);
    return int(m_grants.size());
}

void CapabilityUrls::pruneLocked(std::chrono::steady_clock::time_point now)
{
    if (m_grants.size() < MaxGrants)
        return;
    for (auto it = m_grants.begin(); it != m_grants.end();)
        it = now >= it->expiresAt ? m_grants.erase(it) : std::next(it);
    // Still full of live grants: drop the oldest tenth, so a client minting URLs in a loop cannot grow memory.
    if (m_grants.size() >= MaxGrants) {
        QList<quint64> sequences;
        sequences.reserve(m_grants.size());
        for (const Entry& entry : std::as_const(m_grants))
            sequences.append(entry.sequence);
        std::nth_element(sequences.begin(), sequences.begin() + MaxGrants / 10, sequences.end());
        const quint64 cutoff = sequences.at(MaxGrants / 10);
        for (auto it = m_grants.begin(); it != m_grants.end();)
            it = it->sequence <= cutoff ? m_grants.erase(it) : std::next(it);
    }
}

} // namespace sreg::http
