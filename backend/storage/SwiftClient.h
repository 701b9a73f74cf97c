#pragma once

#include "ObjectStoreClient.h"
#include "RetryPolicy.h"
#include "StorageHttpClient.h"
#include "SwiftAuth.h"

#include <QList>
#include <memory>
#include <mutex>

namespace sreg {

// OpenStack Swift's object API for one container, with the token from SwiftAuth. Every object PUT carries the
// MD5 of its bytes as ETag, so Swift refuses (422) what arrived damaged and the attempt is repeated. Big blobs
// are static large objects (SLO): segments are ordinary objects, and a manifest at the blob's name lists them;
// deleting the manifest with ?multipart-manifest=delete takes the segments with it.
class SwiftClient final : public ObjectStoreClient
{
public:
    struct Options
    {
        SwiftAuth::Options auth;
        QString container;
        RetryPolicy retry;
    };

    struct Segment
    {
        QString key;
        QByteArray etag; // MD5 hex, as Swift returned it
        qint64 size = 0;
    };

    static Result<std::unique_ptr<SwiftClient>> create(Options options);
    ~SwiftClient() override;

    QString describe() const override;
    const QString& container() const { return m_options.container; }

    Result<ObjectInfo> head(const QString& key) override;
    Result<QByteArray> putObject(const QString& key, const char* data, qint64 size) override;
    Result<qint64> readRange(const QString& key, qint64 offset, qint64 length, char* buffer) override;
    Result<QByteArray> getObject(const QString& key, qint64 maxSize) override;
    // Removes a plain object or a static large object together with its segments.
    Status removeObject(const QString& key) override;
    Status list(const QString& prefix, const std::function<bool(const ObjectInfo&)>& visit) override;
    // Removes an object known not to be a large object (a segment, a marker): one request.
    Status removePlain(const QString& key);

    // The container answers (and the credentials work); said clearly when a store opens.
    Status checkContainer();
    // Creates the container (an existing one is fine).
    Status createContainer();
    // Deletes the (empty) container; an absent one is fine.
    Status deleteContainer();
    // Writes the SLO manifest of key. With onlyIfAbsent, an existing object wins: AlreadyExists.
    Status putManifest(const QString& key, const QList<Segment>& segments, bool onlyIfAbsent);
    // The segment keys an SLO manifest lists; empty for a plain object.
    Result<QStringList> manifestSegments(const QString& key);

private:
    struct Call
    {
        QByteArray method;
        QString key; // empty: the container
        QByteArray query; // encoded, without '?'
        QList<HttpHeader> headers;
        const char* body = nullptr;
        qint64 size = 0;
        QByteArray contentType;
        std::function<bool(const char*, size_t)> receiver;
        std::function<void(int)> onStatus;
    };

    explicit SwiftClient(Options options);
    Result<StorageHttpResponse> attempt(const Call& call, const QString& what, bool& transient);
    Result<StorageHttpResponse> perform(const Call& call, const QString& what);
    Error failure(const Call& call, const StorageHttpResponse& response, const QString& what, bool& transient) const;
    std::shared_ptr<StorageHttpClient> httpFor(const QUrl& storageUrl);
    QByteArray objectPath(const QUrl& storageUrl, const QString& key) const;

    Options m_options;
    SwiftAuth m_auth;
    std::mutex m_mutex;
    QUrl m_origin; // of m_http; the storage URL's scheme, host and port
    std::shared_ptr<StorageHttpClient> m_http;
};

} // namespace sreg
