#pragma once

#include "Actor.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace sreg {

struct RegistryContext;

struct NewToken
{
    TokenRecord token;
    QString secret; // shown once; only its hash is stored
};

// Users, teams and tokens, and authentication of the credentials clients present.
class AccountService final
{
public:
    explicit AccountService(RegistryContext& context);

    Result<UserRecord> addUser(const Actor& actor, const QString& name, bool admin = false,
        const QString& fullName = {}, const QString& email = {});
    Result<QList<UserRecord>> users(const Actor& actor);
    Result<UserRecord> user(const Actor& actor, const QString& name);
    Status setActive(const Actor& actor, const QString& name, bool active);
    Status setAdmin(const Actor& actor, const QString& name, bool admin);
    Status setQuota(const Actor& actor, const QString& name, std::optional<qint64> quotaBytes);

    Result<TeamRecord> createTeam(const Actor& actor, const QString& name, const QString& description = {});
    Result<QList<TeamRecord>> teams(const Actor& actor);
    Status removeTeam(const Actor& actor, const QString& name);
    // role: "owner", "member", or empty to remove.
    Status setTeamMember(const Actor& actor, const QString& team, const QString& user, const QString& role);

    // expiresAt: Unix ms, or nullopt for a token that never expires.
    Result<NewToken> createToken(const Actor& actor, const QString& userName, const QString& tokenName, Scopes scopes,
        std::optional<qint64> expiresAt = std::nullopt);
    Result<QList<TokenRecord>> tokens(const Actor& actor, const QString& userName);
    Status revokeToken(const Actor& actor, qint64 tokenId);

    // "Bearer <secret>": Unauthenticated unless the token exists, is neither revoked nor expired, and its user
    // is active. Records the token's last use.
    Result<Actor> authenticateBearer(const QString& secret);
    // SREGISTRY-HMAC-SHA256: the signature must be HMAC-SHA256(token secret, payload) for one of the user's valid
    // tokens and one of the acceptable payloads (the HTTP layer offers the current and the previous hour's).
    // Compared in constant time.
    Result<Actor> authenticateHmac(const QString& userName, const QList<QByteArray>& acceptablePayloads,
        const QByteArray& signatureHex);

    // The actor a still-valid token stands for; Unauthenticated once it is revoked or expired or its user is
    // disabled. Lets credentials derived from a token (capability URLs) die with it.
    Result<Actor> actorForToken(qint64 tokenId);

private:
    RegistryContext& m_context;
};

} // namespace sreg
