#include "Sha256.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <QtGlobal>

namespace sreg {

struct Sha256::Context
{
    EVP_MD_CTX* ctx = nullptr;
};

Digest::Digest(const std::array<unsigned char, 32>& bytes)
    : m_bytes(bytes)
    , m_null(false)
{
}

std::optional<Digest> Digest::fromHex(QStringView hex)
{
    if (hex.size() != 64)
        return std::nullopt;
    std::array<unsigned char, 32> bytes {};
    for (int i = 0; i < 32; ++i) {
        int value = 0;
        for (int j = 0; j < 2; ++j) {
            const QChar c = hex[2 * i + j];
            int nibble;
            if (c >= u'0' && c <= u'9')
                nibble = c.unicode() - u'0';
            else if (c >= u'a' && c <= u'f')
                nibble = c.unicode() - u'a' + 10;
            else if (c >= u'A' && c <= u'F')
                nibble = c.unicode() - u'A' + 10;
            else
                return std::nullopt;
            value = value * 16 + nibble;
        }
        bytes[size_t(i)] = static_cast<unsigned char>(value);
    }
    return Digest(bytes);
}

std::optional<Digest> Digest::fromString(QStringView text)
{
    if (text.size() != 71 || !text.startsWith(u"sha256") || (text[6] != u'.' && text[6] != u':'))
        return std::nullopt;
    return fromHex(text.mid(7));
}

QString Digest::hex() const
{
    if (m_null)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(m_bytes.data()), int(m_bytes.size())).toHex());
}

QString Digest::toString() const
{
    if (m_null)
        return {};
    return QStringLiteral("sha256.") + hex();
}

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    m_context->ctx = EVP_MD_CTX_new();
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1)
        qFatal("OpenSSL could not initialise SHA-256"); // no recovery possible: the crypto library is broken
}

Sha256::~Sha256()
{
    if (m_context)
        EVP_MD_CTX_free(m_context->ctx);
}

Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, size_t size)
{
    if (size > 0)
        EVP_DigestUpdate(m_context->ctx, data, size);
}

Digest Sha256::finish()
{
    std::array<unsigned char, 32> bytes {};
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->ctx, bytes.data(), &length);
    EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr);
    return Digest(bytes);
}

Digest Sha256::of(QByteArrayView data)
{
    Sha256 hasher;
    hasher.update(data);
    return hasher.finish();
}

QByteArray Sha256::hmac(QByteArrayView key, QByteArrayView message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
        size_t(message.size()), out, &length);
    return QByteArray(reinterpret_cast<const char*>(out), int(length));
}

} // namespace sreg
