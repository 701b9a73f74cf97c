#pragma once

#include "AuthOutcome.h"
#include "HttplibFwd.h"

#include <QString>
#include <optional>

namespace sreg {
class AccountService;
}

namespace sreg::http {

class ClientAddress;
class RateLimiter;

// The library API's credentials: "Authorization: Bearer <token>". The scheme is compared case-insensitively
// (the Go client writes "BEARER"); sregistry's "Token <key>" and a bare token are accepted too, since sregistry
// strips the word "bearer" and users copy tokens both ways.
class BearerAuth final
{
public:
    BearerAuth(AccountService& accounts, RateLimiter& limiter, const ClientAddress& clients);

    // No Authorization header: anonymous. A header that does not hold a valid token: Unauthenticated, counted
    // against the client address.
    AuthOutcome authenticate(const httplib::Request& req);

    // The secret inside an Authorization value; nullopt for other schemes (HMAC, Basic).
    static std::optional<QString> secretOf(const QString& authorization);

private:
    AccountService& m_accounts;
    RateLimiter& m_limiter;
    const ClientAddress& m_clients;
};

} // namespace sreg::http
