#include "StorageHttpClient.h"

#include <QDateTime>
#include <httplib.h>

namespace sreg {
namespace {

// Kept for an error message: enough to hold any S3 or Swift error document, bounded against a hostile server.
constexpr qsizetype MaxErrorBody = 64 * 1024;

int defaultPort(const QUrl& url)
{
    return url.scheme() == u"https" ? 443 : 80;
}

Error networkError(httplib::Error error, const QString& origin)
{
    switch (error) {
    case httplib::Error::Canceled:
        return Error(ErrorCode::Cancelled, QStringLiteral("the transfer from %1 was stopped").arg(origin));
    case httplib::Error::SSLServerVerification:
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("the TLS certificate of %1 is not trusted (set caFile, or verifyTls to false "
                                    "for a test server)")
                         .arg(origin));
    case httplib::Error::SSLLoadingCerts:
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot load the CA certificates configured for %1").arg(origin));
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
        return Error(ErrorCode::Unavailable, QStringLiteral("cannot connect to %1").arg(origin));
    case httplib::Error::Read:
        return Error(ErrorCode::Unavailable, QStringLiteral("the connection to %1 broke while reading").arg(origin));
    case httplib::Error::Write:
        return Error(ErrorCode::Unavailable, QStringLiteral("the connection to %1 broke while sending").arg(origin));
    default:
        return Error(
            ErrorCode::Unavailable,
            QStringLiteral("request to %1 failed: %2").arg(origin, QString::fromStdString(httplib::to_string(error))));
    }
}

} // namespace

QByteArray StorageHttpResponse::header(QByteArrayView name) const
{
    for (const HttpHeader& header : headers) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0)
            return header.value;
    }
    return {};
}

QByteArray unquotedEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    return etag;
}

QByteArray StorageHttpResponse::etag() const
{
    return unquotedEtag(header("etag"));
}

Result<ObjectInfo> StorageHttpResponse::objectInfo(const QString& key, const QString& store) const
{
    ObjectInfo info;
    info.key = key;
    bool ok = false;
    info.size = header("content-length").toLongLong(&ok);
    if (!ok)
        return Error(ErrorCode::Internal, QStringLiteral("%1: no size for %2").arg(store, key));
    const QDateTime modified = QDateTime::fromString(QString::fromLatin1(header("last-modified")), Qt::RFC2822Date);
    info.modifiedMs = modified.isValid() ? modified.toMSecsSinceEpoch() : 0;
    info.etag = etag();
    return info;
}

StorageHttpClient::StorageHttpClient(Options options) : m_options(std::move(options)) { }

StorageHttpClient::~StorageHttpClient() = default;

bool StorageHttpClient::isTls() const
{
    return m_options.origin.scheme() == u"https";
}

QByteArray StorageHttpClient::hostHeader() const
{
    const QUrl& url = m_options.origin;
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':')) // an IPv6 literal
        host = '[' + host + ']';
    const int port = url.port(defaultPort(url));
    if (port != defaultPort(url))
        host += ':' + QByteArray::number(port);
    return host;
}

QString StorageHttpClient::originText() const
{
    return m_options.origin.scheme() + QStringLiteral("://") + QString::fromLatin1(hostHeader());
}

std::unique_ptr<httplib::Client> StorageHttpClient::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            std::unique_ptr<httplib::Client> client = std::move(m_idle.back());
            m_idle.pop_back();
            return client;
        }
    }
    const QUrl& url = m_options.origin;
    const std::string origin = (url.scheme() + QStringLiteral("://") + url.host(QUrl::FullyEncoded) + u':'
                                + QString::number(url.port(defaultPort(url))))
                                   .toStdString();
    auto client = std::make_unique<httplib::Client>(origin);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true); // headers and body are separate writes: no 40 ms Nagle stall between them
    client->set_url_encode(false); // targets are encoded (and signed) by the caller, byte for byte
    client->set_decompress(false); // ranges are of the stored bytes, never of a compressed form
    client->set_follow_location(false);
    client->set_connection_timeout(m_options.connectTimeout);
    client->set_read_timeout(m_options.ioTimeout);
    client->set_write_timeout(m_options.ioTimeout);
    if (isTls()) {
        client->enable_server_certificate_verification(m_options.verifyTls);
        if (!m_options.caFile.isEmpty())
            client->set_ca_cert_path(m_options.caFile.toStdString());
    }
    return client;
}

void StorageHttpClient::release(std::unique_ptr<httplib::Client> client)
{
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < 32)
        m_idle.push_back(std::move(client));
}

Result<StorageHttpResponse> StorageHttpClient::send(const StorageHttpRequest& request)
{
    std::unique_ptr<httplib::Client> client = acquire();
    httplib::Headers headers;
    for (const HttpHeader& header : request.headers)
        headers.emplace(header.name.toStdString(), header.value.toStdString());
    const std::string path = request.target.toStdString();
    const std::string contentType = request.contentType.toStdString();

    StorageHttpResponse response;
    int status = 0;
    const auto onHeaders = [&status, &request](const httplib::Response& res) {
        status = res.status;
        if (request.onStatus)
            request.onStatus(status);
        return true;
    };
    const auto onBody = [&](const char* data, size_t size) {
        if (status >= 200 && status < 300) {
            response.received += qint64(size);
            return request.receiver(data, size);
        }
        if (response.body.size() < MaxErrorBody)
            response.body.append(data, qsizetype(std::min<size_t>(size, size_t(MaxErrorBody - response.body.size()))));
        return true;
    };
    const auto provide = [&request](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(request.body + offset, length);
    };

    httplib::Result result(nullptr, httplib::Error::Unknown);
    const QByteArray& method = request.method;
    if (method == "GET") {
        result = request.receiver ? client->Get(path, headers, onHeaders, onBody) : client->Get(path, headers);
    } else if (method == "HEAD") {
        result = client->Head(path, headers);
    } else if (method == "DELETE") {
        result = client->Delete(path, headers);
    } else if (method == "PUT" || method == "POST") {
        const bool put = method == "PUT";
        if (request.bodySize > 0) {
            result = put ? client->Put(path, headers, size_t(request.bodySize), provide, contentType)
                         : client->Post(path, headers, size_t(request.bodySize), provide, contentType);
        } else {
            result = put ? client->Put(path, headers, "", 0, contentType)
                         : client->Post(path, headers, "", 0, contentType);
        }
    } else {
        return Error(ErrorCode::Internal,
                     QStringLiteral("unsupported HTTP method %1").arg(QString::fromLatin1(method)));
    }

    if (!result) {
        // A failed connection may be half-used: never hand it out again.
        return networkError(result.error(), originText());
    }
    response.status = result->status;
    for (const auto& [name, value] : result->headers)
        response.headers.append(HttpHeader { QByteArray::fromStdString(name), QByteArray::fromStdString(value) });
    if (!request.receiver || method != "GET") {
        const std::string& body = result->body;
        response.body = QByteArray(body.data(), qsizetype(body.size()));
    }
    release(std::move(client));
    return response;
}

} // namespace sreg
