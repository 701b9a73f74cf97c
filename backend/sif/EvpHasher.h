#pragma once

#include "common/ByteSource.h"

#include <QByteArray>
#include <QString>
#include <optional>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX, kept out of this header

namespace sreg::sif {

// Streaming hash over OpenSSL EVP for the algorithms SIF signatures name. Bulk data goes through OpenSSL
// rather than QCryptographicHash, which is several times slower here (DESIGN §3).
class EvpHasher final
{
public:
    enum class Algorithm
    {
        Sha224,
        Sha256,
        Sha384,
        Sha512,
        Sha512_224,
        Sha512_256,
        Blake2s256,
    };

    // "sha256" etc., the digest names of the sif-metadata JSON (reference/sif-format.md §5).
    static std::optional<Algorithm> fromDigestName(QStringView name);
    // The descriptor's hash type code: 1 SHA-256, 2 SHA-384, 3 SHA-512, 4 BLAKE2s-256 (5, BLAKE2b-256, has no
    // fixed-size EVP digest in OpenSSL 3.0 and is reported as unsupported).
    static std::optional<Algorithm> fromSifHashType(qint32 code);
    static QString digestName(Algorithm algorithm);

    explicit EvpHasher(Algorithm algorithm);
    ~EvpHasher();
    EvpHasher(const EvpHasher&) = delete;
    EvpHasher& operator=(const EvpHasher&) = delete;

    bool isValid() const { return m_context != nullptr; }
    void update(const void* data, size_t size);
    void update(QByteArrayView data) { update(data.data(), size_t(data.size())); }
    QByteArray finish(); // raw digest bytes; empty if OpenSSL failed

    static QByteArray hash(Algorithm algorithm, QByteArrayView data);
    // Hashes size bytes at offset of source, reading 1 MiB at a time.
    static Result<QByteArray> hashRange(Algorithm algorithm, ByteSource& source, qint64 offset, qint64 size);

private:
    ::evp_md_ctx_st* m_context = nullptr;
};

} // namespace sreg::sif
