#pragma once

#include "ObjectStoreClient.h"
#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace httplib {
class Client;
}

namespace sreg {

struct HttpHeader
{
    QByteArray name;
    QByteArray value;
};

struct StorageHttpRequest
{
    QByteArray method; // "GET", "PUT", "POST", "HEAD", "DELETE"
    QByteArray target; // the encoded path, with "?query" when there is one; sent exactly as given
    QList<HttpHeader> headers; // sent as given (signers add Host themselves, so that what is signed is sent)
    const char* body = nullptr; // borrowed for the duration of send(); bodySize bytes
    qint64 bodySize = 0;
    QByteArray contentType;
    // When set, the body of a 2xx response is handed to this as it arrives (returning false stops the transfer
    // with ErrorCode::Cancelled); the body of any other status is collected for the error message instead.
    std::function<bool(const char* data, size_t size)> receiver;
    // Called with the status once the response headers are in, before any body reaches the receiver.
    std::function<void(int status)> onStatus;
};

// An ETag as stores send it, in a header or an XML listing, without its quotes.
QByteArray unquotedEtag(QByteArray etag);

struct StorageHttpResponse
{
    int status = 0;
    QList<HttpHeader> headers;
    QByteArray body; // empty when a receiver took it
    qint64 received = 0; // bytes handed to the receiver

    bool ok() const { return status >= 200 && status < 300; }
    QByteArray header(QByteArrayView name) const; // case-insensitive; empty when absent
    QByteArray etag() const; // the ETag header without its quotes
    // What a HEAD of an object says of it (size, modification time, etag); store names the store for the error
    // when the size is missing.
    Result<ObjectInfo> objectInfo(const QString& key, const QString& store) const;
};

// A small blocking HTTP(S) client for the object stores, over cpp-httplib's Client (Debian's build has
// OpenSSL). Blocking is what the BlobStore interface is (it is called from server and task threads, never from
// an event loop), so Qt Network's asynchronous API would only add a thread hop per request; cpp-httplib streams
// request bodies from our buffers and response bodies into our receivers, which is all a ranged read or a
// parallel part upload needs.
//
// Thread-safe: each request borrows an idle keep-alive connection from a pool (or opens one), so parallel
// parts go out on parallel connections. A connection that failed is dropped, never reused.
//
// Errors: a network failure (refused, reset, timeout) is ErrorCode::Unavailable, which RetryPolicy retries; an
// untrusted certificate is Unavailable too but says so; the HTTP status of an answer is the caller's business.
class StorageHttpClient final
{
public:
    struct Options
    {
        QUrl origin; // scheme, host and port; the path is ignored
        bool verifyTls = true;
        QString caFile; // PEM bundle to trust instead of the system's; empty = system
        std::chrono::seconds connectTimeout { 10 };
        std::chrono::seconds ioTimeout { 120 }; // silence while sending or receiving
    };

    explicit StorageHttpClient(Options options);
    ~StorageHttpClient();
    StorageHttpClient(const StorageHttpClient&) = delete;
    StorageHttpClient& operator=(const StorageHttpClient&) = delete;

    Result<StorageHttpResponse> send(const StorageHttpRequest& request);

    // The Host header value for this origin: "host", or "host:port" when the port is not the scheme's default.
    QByteArray hostHeader() const;
    // "https://host:port", for messages and presigned URLs.
    QString originText() const;
    bool isTls() const;

private:
    std::unique_ptr<httplib::Client> acquire();
    void release(std::unique_ptr<httplib::Client> client);

    Options m_options;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<httplib::Client>> m_idle;
};

} // namespace sreg
