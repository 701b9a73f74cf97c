#include "HmacSigner.h"

#include "common/Sha256.h"

namespace sreg::remote {

QByteArray HmacSigner::authorization(const QString& kind, const QString& user, const QString& token,
                                     const QString& collection, const QString& name, const QString& tag,
                                     const QDateTime& now)
{
    const QString timestamp = now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HH'Z'"));
    const QByteArray payload = QStringLiteral("%1|%2|%3|%4|%5|").arg(kind, collection, timestamp, name, tag).toUtf8();
    const QByteArray signature = Sha256::hmac(token.toUtf8(), payload).toHex();
    return QByteArray("SREGISTRY-HMAC-SHA256 Credential=") + kind.toUtf8() + '/' + user.toUtf8().toBase64() + '/'
        + timestamp.toLatin1() + ",Signature=" + signature;
}

} // namespace sreg::remote
