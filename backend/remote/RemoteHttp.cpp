#include "RemoteHttp.h"

#include "storage/RetryPolicy.h"

#include <csignal>
#include <httplib.h>
#include <mutex>

namespace sreg::remote {

namespace {

// Kept of an error reply's body: enough for any JSON error, bounded against a hostile server.
constexpr qsizetype MaxErrorBody = 64 * 1024;
// A JSON reply (a page of a listing) larger than this is refused rather than held in memory.
constexpr qsizetype MaxJsonBody = 64 * 1024 * 1024;
// A streamed request body moves through one buffer of this size.
constexpr qint64 StreamChunk = 1 << 20;
constexpr int MaxRedirects = 5;

int defaultPort(const QUrl& url)
{
    return url.scheme() == u"https" ? 443 : 80;
}

QUrl originOf(const QUrl& url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port(defaultPort(url)));
    return origin;
}

QString originText(const QUrl& origin)
{
    QString host = origin.host(QUrl::FullyEncoded);
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return origin.scheme() + QStringLiteral("://") + host + u':' + QString::number(origin.port());
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

RemoteHttp::RemoteHttp(RemoteConnection connection)
    : m_connection(std::move(connection))
    , m_origin(originOf(m_connection.baseUrl))
{
    // OpenSSL writes to sockets with write(), not send(MSG_NOSIGNAL): a server that closed a kept-alive TLS
    // connection would kill the whole process with SIGPIPE instead of failing one request.
    static std::once_flag ignoreSigpipe;
    std::call_once(ignoreSigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
    m_prefix = m_connection.baseUrl.path(QUrl::FullyEncoded);
    while (m_prefix.endsWith(u'/'))
        m_prefix.chop(1);
    m_policy = std::make_unique<CertificatePolicy>(m_origin.host(), m_connection.pinnedFingerprint);
}

RemoteHttp::~RemoteHttp() = default;

bool RemoteHttp::isTransientStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

QString RemoteHttp::pathFor(const QString& path) const
{
    return m_prefix + (path.startsWith(u'/') ? path : u'/' + path);
}

QString RemoteHttp::urlFor(const QString& path) const
{
    return m_connection.displayUrl().left(m_connection.displayUrl().size() - m_prefix.size()) + pathFor(path);
}

Result<RemoteHttp::Target> RemoteHttp::resolve(const QString& target) const
{
    Target resolved;
    if (!target.startsWith(QStringLiteral("http://")) && !target.startsWith(QStringLiteral("https://"))) {
        resolved.origin = m_origin;
        resolved.path = pathFor(target).toStdString();
        return resolved;
    }
    const QUrl url(target, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the server sent an invalid URL"));
    resolved.origin = originOf(url);
    resolved.sameOrigin = resolved.origin == m_origin;
    QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = QStringLiteral("/");
    if (url.hasQuery())
        path += u'?' + url.query(QUrl::FullyEncoded);
    resolved.path = path.toStdString();
    return resolved;
}

std::unique_ptr<httplib::Client> RemoteHttp::makeClient(const QUrl& origin, CertificatePolicy* policy) const
{
    auto client = std::make_unique<httplib::Client>(originText(origin).toStdString());
    client->set_keep_alive(true);
    // A request's headers and body go out in separate writes: without this, Nagle holds the second until the
    // server's delayed ACK (40 ms) on every request of a kept-alive connection.
    client->set_tcp_nodelay(true);
    client->set_url_encode(false); // targets are encoded by the caller
    client->set_decompress(false); // no Accept-Encoding: ranges are of the stored bytes
    client->set_follow_location(false); // redirects are followed here, deciding where credentials go
    client->set_connection_timeout(m_connection.connectTimeout);
    client->set_read_timeout(m_connection.ioTimeout);
    client->set_write_timeout(m_connection.ioTimeout);
    if (origin.scheme() == u"https") {
        // The policy does the whole check (pin or CAs and host name) in OpenSSL's verify callback.
        client->enable_server_certificate_verification(false);
        if (SSL_CTX* ctx = client->ssl_context())
            policy->install(ctx);
    }
    return client;
}

std::unique_ptr<httplib::Client> RemoteHttp::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<httplib::Client> client = std::move(m_idle.back());
            m_idle.pop_back();
            return client;
        }
    }
    return makeClient(m_origin, m_policy.get());
}

void RemoteHttp::release(std::unique_ptr<httplib::Client> client)
{
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < 16)
        m_idle.push_back(std::move(client));
}

Error RemoteHttp::tlsOrNetworkError(int httplibError, const QUrl& origin, CertificatePolicy* policy) const
{
    const auto error = httplib::Error(httplibError);
    const QString where = originText(origin);
    if (error == httplib::Error::SSLConnection || error == httplib::Error::SSLServerVerification) {
        const CertificatePolicy::Observation seen = policy->last();
        if (seen.verdict == CertificatePolicy::Verdict::Changed)
            return Error(ErrorCode::Unauthenticated,
                         QStringLiteral("the TLS certificate of %1 has CHANGED: you trusted %2, the server now "
                                        "presents %3. Refusing to connect: this may be an interception; if the "
                                        "server's certificate was replaced on purpose, trust the new one again.")
                             .arg(where, policy->pinned(), seen.fingerprint));
        if (seen.verdict == CertificatePolicy::Verdict::Untrusted)
            return Error(ErrorCode::Unauthenticated,
                         QStringLiteral("the TLS certificate of %1 is not trusted (%2); its SHA-256 fingerprint "
                                        "is %3")
                             .arg(where, seen.reason, seen.fingerprint));
        return Error(ErrorCode::Unavailable, QStringLiteral("the TLS handshake with %1 failed").arg(where));
    }
    switch (error) {
    case httplib::Error::Canceled:
        return Error(ErrorCode::Cancelled, QStringLiteral("the transfer with %1 was stopped").arg(where));
    case httplib::Error::Connection:
        return Error(ErrorCode::Unavailable, QStringLiteral("cannot connect to %1").arg(where));
    case httplib::Error::ConnectionTimeout:
        return Error(ErrorCode::Unavailable, QStringLiteral("connecting to %1 timed out").arg(where));
    case httplib::Error::Read:
        return Error(ErrorCode::Unavailable, QStringLiteral("the connection to %1 broke while reading").arg(where));
    case httplib::Error::Write:
        return Error(ErrorCode::Unavailable, QStringLiteral("the connection to %1 broke while sending").arg(where));
    default:
        return Error(ErrorCode::Unavailable, QStringLiteral("request to %1 failed: %2")
                                                 .arg(where, QString::fromStdString(httplib::to_string(error))));
    }
}

Result<RemoteReply> RemoteHttp::send(const RemoteRequest& request)
{
    RemoteRequest current = request;
    for (int redirects = 0;; ++redirects) {
        Result<Target> target = resolve(current.target);
        if (!target)
            return target.error();
        Result<RemoteReply> reply = sendOnce(current, *target);
        if (!reply || current.method != "GET" || !isRedirect(reply->status))
            return reply;
        const QByteArray location = reply->header("Location");
        if (location.isEmpty() || redirects >= MaxRedirects)
            return reply;
        const QString base = target->sameOrigin ? urlFor(QStringLiteral("/")) : originText(target->origin) + u'/';
        current.target = QUrl(base).resolved(QUrl(QString::fromUtf8(location))).toString(QUrl::FullyEncoded);
    }
}

Result<RemoteReply> RemoteHttp::sendIdempotent(const RemoteRequest& request)
{
    RetryPolicy retry;
    retry.maxAttempts = 5;
    return retry.run<RemoteReply>([&](bool& transient) -> Result<RemoteReply> {
        qint64 delivered = 0;
        RemoteRequest attempt = request;
        if (request.receiver)
            attempt.receiver = [&](const char* data, qint64 size) {
                delivered += size;
                return request.receiver(data, size);
            };
        Result<RemoteReply> reply = send(attempt);
        if (!reply) {
            transient = delivered == 0 && reply.error().code() == ErrorCode::Unavailable;
            return reply;
        }
        if (isTransientStatus(reply->status) && delivered == 0) {
            transient = true;
            return Error(ErrorCode::Unavailable,
                         QStringLiteral("%1 answered HTTP %2").arg(m_connection.displayUrl()).arg(reply->status));
        }
        return reply;
    });
}

Result<RemoteReply> RemoteHttp::sendOnce(const RemoteRequest& request, const Target& target)
{
    std::unique_ptr<CertificatePolicy> foreignPolicy;
    std::unique_ptr<httplib::Client> client;
    CertificatePolicy* policy = m_policy.get();
    if (target.sameOrigin) {
        client = acquire();
    } else {
        // Another origin (a presigned URL on an object store): the system's CAs decide, and no credentials go.
        foreignPolicy = std::make_unique<CertificatePolicy>(target.origin.host(), QString());
        policy = foreignPolicy.get();
        client = makeClient(target.origin, policy);
    }
    client->set_read_timeout(request.ioTimeout.count() > 0 ? request.ioTimeout : m_connection.ioTimeout);

    httplib::Headers headers;
    for (const auto& [name, value] : request.headers)
        headers.emplace(name.toStdString(), value.toStdString());
    if (request.authorize && target.sameOrigin && !m_connection.token.isEmpty())
        headers.emplace("Authorization", "Bearer " + m_connection.token.toStdString());

    RemoteReply reply;
    bool receiving = false;
    std::optional<Error> streamError;
    const auto onHeaders = [&](const httplib::Response& res) {
        reply.status = res.status;
        receiving = request.receiver && res.status >= 200 && res.status < 300;
        if (!request.onHeaders)
            return true;
        HeaderList seen;
        for (const auto& [name, value] : res.headers)
            seen.append({ QByteArray::fromStdString(name), QByteArray::fromStdString(value) });
        return request.onHeaders(res.status, seen);
    };
    const auto onBody = [&](const char* data, size_t size) {
        if (receiving) {
            reply.received += qint64(size);
            return request.receiver(data, qint64(size));
        }
        const qsizetype cap = request.receiver ? MaxErrorBody : MaxJsonBody;
        if (!request.receiver && reply.body.size() + qsizetype(size) > cap) {
            streamError = Error(ErrorCode::TooLarge, QStringLiteral("the reply is larger than %1 bytes").arg(cap));
            return false;
        }
        if (reply.body.size() < cap)
            reply.body.append(data, qsizetype(std::min<size_t>(size, size_t(cap - reply.body.size()))));
        return true;
    };
    std::vector<char> buffer;
    const auto provide = [&](size_t offset, size_t length, httplib::DataSink& sink) {
        if (buffer.empty())
            buffer.resize(size_t(StreamChunk));
        const qint64 want = std::min<qint64>(qint64(length), StreamChunk);
        Result<qint64> got = request.streamReader(qint64(offset), buffer.data(), want);
        if (!got) {
            streamError = got.error();
            return false;
        }
        if (*got <= 0) {
            streamError = Error(ErrorCode::Io, QStringLiteral("the body ended at byte %1 of %2")
                                                   .arg(qint64(offset))
                                                   .arg(request.streamSize));
            return false;
        }
        return sink.write(buffer.data(), size_t(*got));
    };

    const std::string path = target.path;
    const std::string contentType
        = request.contentType.isEmpty() ? std::string("application/json") : request.contentType.toStdString();
    const QByteArray& method = request.method;
    httplib::Result result(nullptr, httplib::Error::Unknown);
    if (method == "GET") {
        result = client->Get(path, headers, onHeaders, onBody);
    } else if (method == "HEAD") {
        result = client->Head(path, headers);
    } else if (method == "DELETE") {
        result = client->Delete(path, headers, request.body.toStdString(), contentType);
    } else if (method == "PUT" || method == "POST" || method == "PATCH") {
        if (request.streamSize >= 0) {
            const size_t size = size_t(request.streamSize);
            result = method == "PUT" ? client->Put(path, headers, size, provide, contentType)
                : method == "POST"   ? client->Post(path, headers, size, provide, contentType)
                                     : client->Patch(path, headers, size, provide, contentType);
        } else {
            const std::string body = request.body.toStdString();
            result = method == "PUT" ? client->Put(path, headers, body, contentType)
                : method == "POST"   ? client->Post(path, headers, body, contentType)
                                     : client->Patch(path, headers, body, contentType);
        }
    } else {
        return Error(ErrorCode::Internal, QStringLiteral("unsupported HTTP method %1").arg(QString::fromLatin1(method)));
    }

    if (!result) {
        if (streamError)
            return *streamError;
        return tlsOrNetworkError(int(result.error()), target.origin, policy);
    }
    reply.status = result->status;
    for (const auto& [name, value] : result->headers)
        reply.headers.append({ QByteArray::fromStdString(name), QByteArray::fromStdString(value) });
    if (method != "GET")
        reply.body = QByteArray::fromStdString(result->body.substr(0, size_t(MaxJsonBody)));
    if (target.sameOrigin)
        release(std::move(client));
    return reply;
}

} // namespace sreg::remote
