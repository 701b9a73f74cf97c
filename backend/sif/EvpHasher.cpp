#include "EvpHasher.h"

#include <algorithm>
#include <openssl/evp.h>

namespace sreg::sif {

namespace {
const EVP_MD* mdOf(EvpHasher::Algorithm algorithm)
{
    switch (algorithm) {
    case EvpHasher::Algorithm::Sha224:
        return EVP_sha224();
    case EvpHasher::Algorithm::Sha256:
        return EVP_sha256();
    case EvpHasher::Algorithm::Sha384:
        return EVP_sha384();
    case EvpHasher::Algorithm::Sha512:
        return EVP_sha512();
    case EvpHasher::Algorithm::Sha512_224:
        return EVP_sha512_224();
    case EvpHasher::Algorithm::Sha512_256:
        return EVP_sha512_256();
    case EvpHasher::Algorithm::Blake2s256:
        return EVP_blake2s256();
    }
    return nullptr;
}
} // namespace

std::optional<EvpHasher::Algorithm> EvpHasher::fromDigestName(QStringView name)
{
    static const std::pair<const char*, Algorithm> names[]
        = { { "sha224", Algorithm::Sha224 },         { "sha256", Algorithm::Sha256 },
            { "sha384", Algorithm::Sha384 },         { "sha512", Algorithm::Sha512 },
            { "sha512_224", Algorithm::Sha512_224 }, { "sha512_256", Algorithm::Sha512_256 } };
    for (const auto& [text, algorithm] : names)
        if (name == QLatin1String(text))
            return algorithm;
    return std::nullopt;
}

std::optional<EvpHasher::Algorithm> EvpHasher::fromSifHashType(qint32 code)
{
    switch (code) {
    case 1:
        return Algorithm::Sha256;
    case 2:
        return Algorithm::Sha384;
    case 3:
        return Algorithm::Sha512;
    case 4:
        return Algorithm::Blake2s256;
    }
    return std::nullopt;
}

QString EvpHasher::digestName(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha224:
        return QStringLiteral("sha224");
    case Algorithm::Sha256:
        return QStringLiteral("sha256");
    case Algorithm::Sha384:
        return QStringLiteral("sha384");
    case Algorithm::Sha512:
        return QStringLiteral("sha512");
    case Algorithm::Sha512_224:
        return QStringLiteral("sha512_224");
    case Algorithm::Sha512_256:
        return QStringLiteral("sha512_256");
    case Algorithm::Blake2s256:
        return QStringLiteral("blake2s256");
    }
    return {};
}

EvpHasher::EvpHasher(Algorithm algorithm) : m_context(EVP_MD_CTX_new())
{
    if (m_context && EVP_DigestInit_ex(m_context, mdOf(algorithm), nullptr) != 1) {
        EVP_MD_CTX_free(m_context);
        m_context = nullptr;
    }
}

EvpHasher::~EvpHasher()
{
    EVP_MD_CTX_free(m_context);
}

void EvpHasher::update(const void* data, size_t size)
{
    if (m_context && size > 0 && EVP_DigestUpdate(m_context, data, size) != 1) {
        EVP_MD_CTX_free(m_context);
        m_context = nullptr;
    }
}

QByteArray EvpHasher::finish()
{
    if (!m_context)
        return {};
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const bool ok = EVP_DigestFinal_ex(m_context, out, &length) == 1;
    EVP_MD_CTX_free(m_context);
    m_context = nullptr;
    return ok ? QByteArray(reinterpret_cast<const char*>(out), int(length)) : QByteArray();
}

QByteArray EvpHasher::hash(Algorithm algorithm, QByteArrayView data)
{
    EvpHasher hasher(algorithm);
    hasher.update(data);
    return hasher.finish();
}

Result<QByteArray> EvpHasher::hashRange(Algorithm algorithm, ByteSource& source, qint64 offset, qint64 size)
{
    constexpr qint64 Chunk = 1024 * 1024;
    if (offset < 0 || size < 0 || offset > source.size() || size > source.size() - offset)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("range %1+%2 is outside the data").arg(offset).arg(size));
    EvpHasher hasher(algorithm);
    QByteArray buffer(int(std::min(Chunk, std::max<qint64>(size, 1))), Qt::Uninitialized);
    qint64 done = 0;
    while (done < size) {
        Result<qint64> n = source.readAt(offset + done, buffer.data(), std::min<qint64>(buffer.size(), size - done));
        if (!n)
            return n.error();
        if (*n <= 0)
            return Error(ErrorCode::Io, QStringLiteral("unexpected end of data at offset %1").arg(offset + done));
        hasher.update(buffer.constData(), size_t(*n));
        done += *n;
    }
    QByteArray digest = hasher.finish();
    if (digest.isEmpty())
        return Error(ErrorCode::Internal,
                     QStringLiteral("OpenSSL could not compute the %1 digest").arg(digestName(algorithm)));
    return digest;
}

} // namespace sreg::sif
