#include "CertificatePolicy.h"

#include <QByteArray>
#include <QHostAddress>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

namespace sreg::remote {

namespace {

QString fingerprintOf(X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!certificate || X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex(':').toUpper());
}

} // namespace

CertificatePolicy::CertificatePolicy(QString host, QString pinnedFingerprint)
    : m_host(std::move(host))
    , m_pinned(normalize(pinnedFingerprint))
{
}

QString CertificatePolicy::normalize(const QString& fingerprint)
{
    QString hex;
    QString text = fingerprint.trimmed();
    if (text.startsWith(QStringLiteral("sha256"), Qt::CaseInsensitive))
        text = text.mid(6);
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            hex.append(c.toUpper());
        else if (c != u':' && c != u' ' && c != u'=' && c != u'-')
            return {};
    }
    if (hex.size() != 64)
        return {};
    for (const QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'F')))
            return {};
    }
    QString out;
    for (int i = 0; i < hex.size(); i += 2) {
        if (i)
            out.append(u':');
        out.append(hex.mid(i, 2));
    }
    return out;
}

bool CertificatePolicy::sameFingerprint(const QString& a, const QString& b)
{
    const QString left = normalize(a);
    return !left.isEmpty() && left == normalize(b);
}

void CertificatePolicy::install(ssl_ctx_st* ctx)
{
    // SSL_VERIFY_PEER makes a refusal abort the handshake; the callback replaces OpenSSL's own chain check, which
    // it runs itself when there is no pin.
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_default_verify_paths(ctx);
    SSL_CTX_set_cert_verify_callback(ctx, &CertificatePolicy::verifyCallback, this);
}

CertificatePolicy::Observation CertificatePolicy::last() const
{
    std::lock_guard lock(m_mutex);
    return m_last;
}

int CertificatePolicy::verifyCallback(x509_store_ctx_st* store, void* arg)
{
    return static_cast<CertificatePolicy*>(arg)->verify(store);
}

int CertificatePolicy::verify(x509_store_ctx_st* store)
{
    Observation seen;
    seen.fingerprint = fingerprintOf(X509_STORE_CTX_get0_cert(store));
    if (!m_pinned.isEmpty()) {
        seen.verdict = seen.fingerprint == m_pinned ? Verdict::Pinned : Verdict::Changed;
    } else {
        X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(store);
        const QByteArray host = m_host.toUtf8();
        if (QHostAddress(m_host).isNull())
            X509_VERIFY_PARAM_set1_host(param, host.constData(), size_t(host.size()));
        else
            X509_VERIFY_PARAM_set1_ip_asc(param, host.constData());
        if (X509_verify_cert(store) == 1) {
            seen.verdict = Verdict::TrustedByCa;
        } else {
            seen.verdict = Verdict::Untrusted;
            seen.reason = QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(store)));
        }
    }
    const bool accepted = seen.verdict == Verdict::Pinned || seen.verdict == Verdict::TrustedByCa;
    if (!accepted)
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
    std::lock_guard lock(m_mutex);
    m_last = seen;
    return accepted ? 1 : 0;
}

} // namespace sreg::remote
