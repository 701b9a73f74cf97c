#include "TokenSecrets.h"

#include "common/RandomId.h"
#include "common/Sha256.h"

#include <openssl/crypto.h>

namespace sreg::TokenSecrets {

namespace {
constexpr int PublicIdLength = 16;
constexpr int MacLength = 32; // 160 bits of base32
} // namespace

QString newPublicId()
{
    return randomToken(PublicIdLength);
}

QString secretFor(const QByteArray& tokenKey, const QString& publicId)
{
    const QByteArray mac = Sha256::hmac(tokenKey, QByteArray("sreg-token:") + publicId.toLatin1());
    return QStringLiteral("sreg_") + publicId + u'_' + base32(mac).left(MacLength);
}

QString hashOf(const QString& secret)
{
    return Sha256::of(secret.toUtf8()).hex();
}

std::optional<QString> publicIdOf(const QString& secret)
{
    if (secret.size() != 5 + PublicIdLength + 1 + MacLength || !secret.startsWith(QStringLiteral("sreg_"))
        || secret[5 + PublicIdLength] != u'_')
        return std::nullopt;
    const QString publicId = secret.mid(5, PublicIdLength);
    for (QChar c : publicId) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'2' && c <= u'7')))
            return std::nullopt;
    }
    return publicId;
}

bool equalConstantTime(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace sreg::TokenSecrets
