#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>

namespace sreg::http {

// The key and certificate of `serve --tls-self-signed`: made once (an EC P-256 key and a five-year certificate
// naming localhost, the loopback addresses and the given host names), kept in the data folder (the key readable by
// its owner only) and reused on every start, so the fingerprint users pinned stays valid.
class SelfSignedCertificate final
{
public:
    struct Files
    {
        QString certificate;
        QString key;
        QString fingerprint; // SHA-256 of the DER certificate, "AB:CD:…"
        bool created = false; // made by this call
    };

    // dir is created (0700) when missing; server.crt and server.key inside it.
    static Result<Files> ensure(const QString& dir, const QStringList& hostNames);
    static Result<QString> fingerprintOf(const QString& certificatePath);
};

} // namespace sreg::http
