#include "HmacAuth.h"

#include "ClientAddress.h"
#include "RateLimiter.h"
#include "RequestState.h"
#include "registry/AccountService.h"

#include <httplib.h>

namespace sreg::http {

HmacAuth::HmacAuth(AccountService& accounts, RateLimiter& limiter, const ClientAddress& clients)
    : m_accounts(accounts), m_limiter(limiter), m_clients(clients)
{
}

bool HmacAuth::isHmac(const httplib::Request& req)
{
    return QString::fromStdString(req.get_header_value("Authorization")).startsWith(Scheme + u' ');
}

std::optional<HmacCredential> HmacAuth::parse(const QString& authorization)
{
    if (!authorization.startsWith(Scheme + u' '))
        return std::nullopt;
    QString credential;
    QString signature;
    for (const QString& field : authorization.mid(Scheme.size() + 1).split(u',')) {
        const qsizetype equals = field.indexOf(u'=');
        if (equals < 0)
            return std::nullopt;
        const QString key = field.left(equals).trimmed();
        const QString value = field.mid(equals + 1).trimmed();
        if (key == u"Credential")
            credential = value;
        else if (key == u"Signature")
            signature = value;
    }
    const qsizetype firstSlash = credential.indexOf(u'/');
    const qsizetype lastSlash = credential.lastIndexOf(u'/');
    if (firstSlash <= 0 || lastSlash <= firstSlash || signature.isEmpty())
        return std::nullopt;
    HmacCredential parsed;
    parsed.kind = credential.left(firstSlash);
    parsed.timestamp = credential.mid(lastSlash + 1);
    const QByteArray encodedUser = credential.mid(firstSlash + 1, lastSlash - firstSlash - 1).toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(encodedUser, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    parsed.user = QString::fromUtf8(decoded.decoded);
    parsed.signatureHex = signature.toLatin1().toLower();
    return parsed;
}

QString HmacAuth::timestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HH'Z'"));
}

QByteArray HmacAuth::payload(const QString& kind, const QString& collection, const QString& timestamp,
                             const QString& name, const QString& tag)
{
    return QStringLiteral("%1|%2|%3|%4|%5|").arg(kind, collection, timestamp, name, tag).toUtf8();
}

AuthOutcome HmacAuth::refuse(const httplib::Request& req, const QString& message)
{
    m_limiter.recordFailure(m_clients.of(req));
    AuthOutcome outcome;
    outcome.error = Error(ErrorCode::Unauthenticated, message);
    return outcome;
}

AuthOutcome HmacAuth::authenticate(const httplib::Request& req, const QString& kind, const QString& collection,
                                   const QString& name, const QString& tag, const QDateTime& now)
{
    AuthOutcome outcome;
    if (!req.has_header("Authorization"))
        return outcome;
    if (const int wait = m_limiter.retryAfter(m_clients.of(req)); wait > 0) {
        outcome.retryAfterSeconds = wait;
        return outcome;
    }
    const std::optional<HmacCredential> credential
        = parse(QString::fromStdString(req.get_header_value("Authorization")));
    if (!credential)
        return refuse(req, QStringLiteral("Authentication Required: expected a SREGISTRY-HMAC-SHA256 signature"));
    if (credential->kind != kind)
        return refuse(
            req,
            QStringLiteral("the signature is for a '%1' request, this is a '%2' request").arg(credential->kind, kind));
    const QDateTime current = (now.isValid() ? now : QDateTime::currentDateTimeUtc()).toUTC();
    const QString thisHour = timestamp(current);
    const QString lastHour = timestamp(current.addSecs(-3600));
    if (credential->timestamp != thisHour && credential->timestamp != lastHour)
        return refuse(req,
                      QStringLiteral("the signature's timestamp %1 is not this hour's or the last (%2)")
                          .arg(credential->timestamp, thisHour));
    const QList<QByteArray> payloads { payload(kind, collection, thisHour, name, tag),
                                       payload(kind, collection, lastHour, name, tag) };
    Result<Actor> actor = m_accounts.authenticateHmac(credential->user, payloads, credential->signatureHex);
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
