#pragma once

#include "AuthOutcome.h"
#include "HttplibFwd.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace sreg {
class AccountService;
}

namespace sreg::http {

class ClientAddress;
class RateLimiter;

struct HmacCredential
{
    QString kind; // push, upload, pull, delete, build
    QString user; // decoded from base64
    QString timestamp; // "%Y%m%dT%HZ"
    QByteArray signatureHex;
};

// sregistry-cli's request signing, SREGISTRY-HMAC-SHA256:
//   Authorization: SREGISTRY-HMAC-SHA256 Credential=<kind>/<base64(user)>/<YYYYMMDDTHHZ>,Signature=<hex>
//   signature = hex(HMAC-SHA256(token, "<kind>|<collection>|<timestamp>|<name>|<tag>|"))
// Unlike sregistry, which demands its own current hour and so fails requests made in the last seconds of an
// hour or with a little clock skew, the previous hour is accepted too. The signature check itself (constant time,
// over the user's valid tokens) is the engine's.
class HmacAuth final
{
public:
    static inline const QString Scheme = QStringLiteral("SREGISTRY-HMAC-SHA256");

    HmacAuth(AccountService& accounts, RateLimiter& limiter, const ClientAddress& clients);

    static bool isHmac(const httplib::Request& req);
    // Fields are split on the first '=' only, since base64 may end in '='.
    static std::optional<HmacCredential> parse(const QString& authorization);
    static QString timestamp(const QDateTime& utc);
    static QByteArray payload(const QString& kind, const QString& collection, const QString& timestamp,
                              const QString& name, const QString& tag);

    // No Authorization header: anonymous. Otherwise the header must be a valid signature of kind over
    // (collection, name, tag) made this hour or the last. now: for tests; default the current time.
    AuthOutcome authenticate(const httplib::Request& req, const QString& kind, const QString& collection,
                             const QString& name, const QString& tag, const QDateTime& now = {});

private:
    AuthOutcome refuse(const httplib::Request& req, const QString& message);

    AccountService& m_accounts;
    RateLimiter& m_limiter;
    const ClientAddress& m_clients;
};

} // namespace sreg::http
