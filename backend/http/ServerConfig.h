#pragma once

#include <QString>
#include <QStringList>
#include <chrono>

namespace sreg::http {

// Everything `sregistry-server serve` can be told. The defaults are the safe ones (DESIGN §5): loopback only,
// bounded bodies, and a failed-auth limit that a person mistyping a token never hits but a guesser does.
struct ServerConfig
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 5000; // 0: an ephemeral port, reported by HttpServer::port()
    // What clients are told to use in the URLs we hand out (capability URLs, config.prod.json, download links).
    // Empty: derived from the request's Host header, or the listen address.
    QString publicUrl;

    QString tlsCertificate; // PEM files; both empty = plain HTTP
    QString tlsKey;

    qint64 maxUploadBytes = qint64(64) << 30; // one image; the library API's parts are bounded by it too
    qint64 maxJsonBytes = 1 << 20; // any JSON request body
    qint64 maxHeaderBytes = 64 << 10; // all request headers together (cpp-httplib bounds each line at 8 KiB)
    std::chrono::seconds readTimeout { 30 }; // silence from a client while we wait for bytes
    std::chrono::seconds writeTimeout { 60 };
    int threads = 64; // connections served at once (each keep-alive connection holds one thread)

    bool defaultPrivate = false; // collections created over HTTP without an explicit choice are private

    int authFailureLimit = 20; // failed authentications per address within authFailureWindow; 0 = unlimited
    std::chrono::seconds authFailureWindow { 60 };
    // Reverse proxies whose X-Forwarded-For names the real client (exact addresses; see ClientAddress).
    QStringList trustedProxies;

    std::chrono::seconds uploadUrlValidity { 3600 }; // a capability URL to PUT bytes must be used within this
    std::chrono::seconds downloadUrlValidity { 900 };

    QString accessLogPath; // empty: stderr
    QString registryName = QStringLiteral("Singularity Registry Desktop");
};

} // namespace sreg::http
