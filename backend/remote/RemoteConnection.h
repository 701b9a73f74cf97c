#pragma once

#include <QString>
#include <QUrl>
#include <chrono>

namespace sreg::remote {

// Everything needed to talk to one remote registry. The token is a secret: it goes into Authorization headers
// and HMAC signatures, never into a log line, an error message or a settings file.
struct RemoteConnection
{
    QUrl baseUrl; // "https://registry.example.org" (a path prefix is kept: "https://host/sregistry")
    QString token; // empty: anonymous
    QString username; // for the sregistry native API's HMAC signatures; empty when unknown
    QString pinnedFingerprint; // the SHA-256 of the certificate the user trusted; empty = system CAs
    std::chrono::seconds connectTimeout { 10 };
    std::chrono::seconds ioTimeout { 60 }; // silence while sending or receiving

    // "https://host:port/prefix" without a trailing slash, for messages (never carries credentials).
    QString displayUrl() const;
    bool isTls() const { return baseUrl.scheme() == u"https"; }
};

} // namespace sreg::remote
