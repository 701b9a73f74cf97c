#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace sreg::remote {

// The sregistry native API's SREGISTRY-HMAC-SHA256 Authorization header, as sregistry-cli computes it:
//   Credential=<kind>/<base64(user)>/<UTC %Y%m%dT%HZ>,Signature=hex(HMAC-SHA256(token, "<kind>|<collection>|<ts>|<name>|<tag>|"))
// kind is "pull", "push", "upload" or "delete". The token is the key and never leaves this function.
class HmacSigner final
{
public:
    static QByteArray authorization(const QString& kind, const QString& user, const QString& token,
                                    const QString& collection, const QString& name, const QString& tag,
                                    const QDateTime& now = QDateTime::currentDateTimeUtc());
};

} // namespace sreg::remote
