#pragma once

#include <QString>
#include <mutex>

struct ssl_ctx_st;
struct x509_store_ctx_st;

namespace sreg::remote {

// Which TLS certificates a connection to a remote registry accepts (trust on first use):
// - with a pinned SHA-256 fingerprint: exactly that certificate, whoever signed it. Any other one is refused as
//   a changed certificate, even one a public CA vouches for: the pin is the user's word for this certificate,
//   and a silent switch to another is what an interception would look like;
// - without a pin: a chain to the system's CAs that names the host, as a browser checks it.
// Whatever the verdict, the fingerprint of the certificate last presented is kept, so that the caller can show
// it to the user and ask ("trust this certificate?") or say loudly what changed.
class CertificatePolicy final
{
public:
    enum class Verdict
    {
        NotChecked, // no TLS handshake happened yet
        TrustedByCa,
        Pinned, // the pinned certificate itself
        Untrusted, // no pin, and the system's CAs do not vouch for it (self-signed, unknown CA, wrong host)
        Changed, // a pin exists and this is another certificate
    };

    struct Observation
    {
        Verdict verdict = Verdict::NotChecked;
        QString fingerprint; // of the certificate presented: "AB:CD:…" (32 bytes, upper-case hex with colons)
        QString reason; // why a CA check failed, from OpenSSL
    };

    CertificatePolicy(QString host, QString pinnedFingerprint);
    CertificatePolicy(const CertificatePolicy&) = delete;
    CertificatePolicy& operator=(const CertificatePolicy&) = delete;

    // Makes ctx ask this policy about every certificate. The policy must outlive every connection of ctx.
    void install(ssl_ctx_st* ctx);
    Observation last() const;
    QString pinned() const { return m_pinned; }

    // "ab:cd…", "ABCD…", "sha256 AB CD…" -> "AB:CD:…"; empty unless it holds exactly 32 bytes of hex.
    static QString normalize(const QString& fingerprint);
    static bool sameFingerprint(const QString& a, const QString& b);

private:
    static int verifyCallback(x509_store_ctx_st* store, void* arg);
    int verify(x509_store_ctx_st* store);

    const QString m_host;
    const QString m_pinned; // normalized; empty = none
    mutable std::mutex m_mutex;
    Observation m_last;
};

} // namespace sreg::remote
