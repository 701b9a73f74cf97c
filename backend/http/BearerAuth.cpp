#include "BearerAuth.h"

#include "ClientAddress.h"
#include "RateLimiter.h"
#include "RequestState.h"
#include "registry/AccountService.h"

#include <httplib.h>

namespace sreg::http {

BearerAuth::BearerAuth(AccountService& accounts, RateLimiter& limiter, const ClientAddress& clients)
    : m_accounts(accounts), m_limiter(limiter), m_clients(clients)
{
}

std::optional<QString> BearerAuth::secretOf(const QString& authorization)
{
    const QString value = authorization.trimmed();
    const qsizetype space = value.indexOf(u' ');
    if (space < 0) {
        if (value.isEmpty() || value.compare(QStringLiteral("Bearer"), Qt::CaseInsensitive) == 0
            || value.compare(QStringLiteral("Token"), Qt::CaseInsensitive) == 0)
            return std::nullopt;
        return value; // a bare token
    }
    const QString scheme = value.left(space);
    if (scheme.compare(QStringLiteral("Bearer"), Qt::CaseInsensitive) != 0
        && scheme.compare(QStringLiteral("Token"), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QString secret = value.mid(space + 1).trimmed();
    if (secret.isEmpty())
        return std::nullopt;
    return secret;
}

AuthOutcome BearerAuth::authenticate(const httplib::Request& req)
{
    AuthOutcome outcome;
    if (!req.has_header("Authorization"))
        return outcome;
    if (const int wait = m_limiter.retryAfter(m_clients.of(req)); wait > 0) {
        outcome.retryAfterSeconds = wait;
        return outcome;
    }
    const QString header = QString::fromStdString(req.get_header_value("Authorization"));
    const std::optional<QString> secret = secretOf(header);
    if (!secret) {
        m_limiter.recordFailure(m_clients.of(req));
        outcome.error
            = Error(ErrorCode::Unauthenticated,
                    QStringLiteral("unsupported Authorization scheme: the library API takes 'Bearer <token>'"));
        return outcome;
    }
    Result<Actor> actor = m_accounts.authenticateBearer(*secret);
    if (!actor) {
        if (actor.error().code() == ErrorCode::Unauthenticated)
            m_limiter.recordFailure(m_clients.of(req));
        outcome.error = actor.error();
        return outcome;
    }
    outcome.actor = *actor;
    RequestState::setUser(actor->name);
    return outcome;
}

} // namespace sreg::http
