#include "SelfSignedCertificate.h"

#include "common/RandomId.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <fcntl.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

namespace sreg::http {

namespace {

template<typename T, void (*Free)(T*)> struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;

Error opensslError(const QString& what)
{
    return Error(ErrorCode::Internal, QStringLiteral("cannot %1 (OpenSSL)").arg(what));
}

bool addExtension(X509* cert, int nid, const QString& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.toLatin1().constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

// Writes through a file created exclusively with mode, so the key is never readable by others, not even briefly.
template<typename Writer> Status writeExclusive(const QString& path, mode_t mode, Writer write)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return Error(ErrorCode::Io, QStringLiteral("cannot create %1: %2").arg(path, qt_error_string(errno)));
    std::FILE* file = ::fdopen(fd, "w");
    if (!file) {
        ::close(fd);
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1").arg(path));
    }
    const bool ok = write(file) == 1;
    const bool closed = std::fclose(file) == 0;
    if (!ok || !closed) {
        QFile::remove(path);
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1").arg(path));
    }
    return {};
}

Result<CertPtr> makeCertificate(EVP_PKEY* key, const QStringList& hostNames)
{
    CertPtr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1)
        return opensslError(QStringLiteral("create a certificate"));
    const QByteArray serial = randomBytes(16);
    BIGNUM* number = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.constData()), serial.size(), nullptr);
    if (!number)
        return opensslError(QStringLiteral("make a serial number"));
    BN_clear_bit(number, 127); // positive
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get()));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 5L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("Singularity Registry Desktop"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sregistry-server"), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), name);

    QStringList alternatives { QStringLiteral("DNS:localhost"), QStringLiteral("IP:127.0.0.1"),
                               QStringLiteral("IP:::1") };
    for (const QString& host : hostNames) {
        if (host.isEmpty() || host == u"0.0.0.0" || host == u"::")
            continue;
        const QString entry
            = QHostAddress(host).isNull() ? QStringLiteral("DNS:") + host : QStringLiteral("IP:") + host;
        if (!alternatives.contains(entry))
            alternatives.append(entry);
    }
    if (!addExtension(cert.get(), NID_subject_alt_name, alternatives.join(u','))
        || !addExtension(cert.get(), NID_basic_constraints, QStringLiteral("critical,CA:FALSE"))
        || !addExtension(cert.get(), NID_key_usage, QStringLiteral("critical,digitalSignature"))
        || !addExtension(cert.get(), NID_ext_key_usage, QStringLiteral("serverAuth")))
        return opensslError(QStringLiteral("add the certificate's extensions"));
    if (X509_sign(cert.get(), key, EVP_sha256()) <= 0)
        return opensslError(QStringLiteral("sign the certificate"));
    return cert;
}

} // namespace

Result<QString> SelfSignedCertificate::fingerprintOf(const QString& certificatePath)
{
    std::FILE* file = std::fopen(QFile::encodeName(certificatePath).constData(), "r");
    if (!file)
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1").arg(certificatePath));
    CertPtr cert(PEM_read_X509(file, nullptr, nullptr, nullptr));
    std::fclose(file);
    if (!cert)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is not a PEM certificate").arg(certificatePath));
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1)
        return opensslError(QStringLiteral("hash the certificate"));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex(':').toUpper());
}

Result<SelfSignedCertificate::Files> SelfSignedCertificate::ensure(const QString& dir, const QStringList& hostNames)
{
    Files files;
    files.certificate = dir + QStringLiteral("/server.crt");
    files.key = dir + QStringLiteral("/server.key");
    if (!QDir().mkpath(dir)
        || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return Error(ErrorCode::Io, QStringLiteral("cannot create %1").arg(dir));

    const bool haveCertificate = QFile::exists(files.certificate);
    const bool haveKey = QFile::exists(files.key);
    if (haveCertificate != haveKey)
        return Error(ErrorCode::Io,
                     QStringLiteral("%1 holds only one of server.crt and server.key: remove it to make "
                                    "a new pair")
                         .arg(dir));
    if (!haveCertificate) {
        KeyPtr key(EVP_EC_gen("P-256"));
        if (!key)
            return opensslError(QStringLiteral("generate a key"));
        Result<CertPtr> cert = makeCertificate(key.get(), hostNames);
        if (!cert)
            return cert.error();
        if (Status written = writeExclusive(files.key, 0600,
                                            [&](std::FILE* file) {
                                                return PEM_write_PrivateKey(file, key.get(), nullptr, nullptr, 0,
                                                                            nullptr, nullptr);
                                            });
            !written)
            return written.error();
        if (Status written = writeExclusive(files.certificate, 0644,
                                            [&](std::FILE* file) { return PEM_write_X509(file, cert->get()); });
            !written) {
            QFile::remove(files.key);
            return written.error();
        }
        files.created = true;
    }
    Result<QString> fingerprint = fingerprintOf(files.certificate);
    if (!fingerprint)
        return fingerprint.error();
    files.fingerprint = *fingerprint;
    return files;
}

} // namespace sreg::http
