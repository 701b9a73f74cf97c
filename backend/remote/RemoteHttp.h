#pragma once

#include "CertificatePolicy.h"
#include "RemoteConnection.h"
#include "RemoteMessage.h"
#include "common/Result.h"

#include <QUrl>
#include <memory>
#include <mutex>
#include <vector>

namespace httplib {
class Client;
}

namespace sreg::remote {

// The blocking HTTP(S) client of a remote registry, over cpp-httplib's Client. Blocking because every caller
// already runs on a worker thread (CLI commands, Tasks, the RemoteSource's pool): a mirror or a copy is a loop of
// requests whose bodies stream straight from a ByteSource and into a BlobWriter, which cpp-httplib's content
// providers and receivers do without a thread hop or a buffer per request. (Qt's QNetworkAccessManager would
// need an event loop in every worker and offers nothing here that the certificate callback below does not.)
//
// Thread-safe: a request borrows an idle keep-alive connection (or opens one); a connection that failed is
// dropped. TLS follows the connection's CertificatePolicy (pin, else system CAs), and certificate() tells what
// the server presented last, for trust-on-first-use prompts. GET follows redirects (at most 5); credentials go
// only to the connection's own origin.
class RemoteHttp final
{
public:
    explicit RemoteHttp(RemoteConnection connection);
    ~RemoteHttp();
    RemoteHttp(const RemoteHttp&) = delete;
    RemoteHttp& operator=(const RemoteHttp&) = delete;

    // One attempt. Network failures are Unavailable (worth retrying), TLS refusals Unauthenticated with the
    // fingerprint in the message (never worth retrying); any HTTP status is a reply, not an error.
    Result<RemoteReply> send(const RemoteRequest& request);
    // As send(), but retries transient failures (no connection, a broken one, 429/502/503/504) with backoff, as
    // long as nothing reached the request's receiver. For idempotent requests only.
    Result<RemoteReply> sendIdempotent(const RemoteRequest& request);

    const RemoteConnection& connection() const { return m_connection; }
    CertificatePolicy::Observation certificate() const { return m_policy->last(); }
    // The path of a request to the connection, prefix included: "/prefix" + path.
    QString pathFor(const QString& path) const;
    // The absolute URL of a path of the connection.
    QString urlFor(const QString& path) const;

    static bool isTransientStatus(int status);

private:
    struct Target
    {
        bool sameOrigin = true;
        QUrl origin; // scheme://host:port
        std::string path; // path and query, encoded
    };
    Result<Target> resolve(const QString& target) const;
    std::unique_ptr<httplib::Client> acquire();
    std::unique_ptr<httplib::Client> makeClient(const QUrl& origin, CertificatePolicy* policy) const;
    void release(std::unique_ptr<httplib::Client> client);
    Result<RemoteReply> sendOnce(const RemoteRequest& request, const Target& target);
    Error tlsOrNetworkError(int httplibError, const QUrl& origin, CertificatePolicy* policy) const;

    RemoteConnection m_connection;
    QUrl m_origin;
    QString m_prefix; // path prefix of the base URL, without trailing slash
    std::unique_ptr<CertificatePolicy> m_policy;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<httplib::Client>> m_idle;
};

} // namespace sreg::remote
