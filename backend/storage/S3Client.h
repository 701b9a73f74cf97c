#pragma once

#include "ObjectStoreClient.h"
#include "RetryPolicy.h"
#include "S3Signer.h"
#include "StorageHttpClient.h"

#include <QUrl>
#include <memory>

namespace sreg {

// The S3 REST API as the blob store needs it, signed with SigV4 (S3Signer), over StorageHttpClient. Works with
// AWS and with S3-compatible stores (MinIO, Ceph RGW, Swift's s3api, Google Cloud Storage's XML API with HMAC
// keys); where those differ, the lowest common form is used: ListObjects v1 with markers, one DELETE per
// object (Swift's multi-delete wants Content-MD5), CopyObject rather than UploadPartCopy on GCS, no aws-chunked.
//
// Errors say what failed where, never with a secret in them. A store that refuses the registry's credentials,
// or a bucket that does not exist, is ErrorCode::Unavailable (the registry cannot use its storage: HTTP 503, not
// the client's 401 or 404); a missing object is NotFound.
class S3Client final : public ObjectStoreClient
{
public:
    enum class Addressing
    {
        Path, // https://endpoint/bucket/key: MinIO, Ceph, Swift, any IP address
        VirtualHosted, // https://bucket.endpoint/key: AWS's default
    };

    struct Options
    {
        QUrl endpoint; // scheme://host[:port]
        QString region = QStringLiteral("us-east-1");
        QString bucket;
        Addressing addressing = Addressing::Path;
        S3Credentials credentials;
        bool verifyTls = true;
        QString caFile;
        // Sign each body's SHA-256, so the store checks what it received (costs one hash per byte sent). Over
        // TLS the default is UNSIGNED-PAYLOAD, as the AWS SDKs do: TLS already guards the bytes.
        bool signPayload = true;
        bool gcs = false; // Google Cloud Storage: no UploadPartCopy
        RetryPolicy retry;
    };

    struct UploadInfo
    {
        QString key;
        QString uploadId;
        qint64 initiatedMs = 0;
    };

    static Result<std::unique_ptr<S3Client>> create(Options options);

    QString describe() const override;
    const Options& options() const { return m_options; }

    Result<ObjectInfo> head(const QString& key) override;
    Result<QByteArray> putObject(const QString& key, const char* data, qint64 size) override;
    Result<qint64> readRange(const QString& key, qint64 offset, qint64 length, char* buffer) override;
    Result<QByteArray> getObject(const QString& key, qint64 maxSize) override;
    Status removeObject(const QString& key) override;
    Status list(const QString& prefix, const std::function<bool(const ObjectInfo&)>& visit) override;

    // A bucket that answers (and credentials it accepts), checked once when a store opens: a clear message up
    // front instead of a failure at the first push.
    Status checkBucket();
    // Creates the bucket (in the client's region); one that already exists and is ours is fine.
    Status createBucket();
    // Deletes the (empty) bucket; an absent one is fine.
    Status deleteBucket();

    Result<QString> createMultipartUpload(const QString& key);
    Result<QByteArray> uploadPart(const QString& key, const QString& uploadId, int number, const char* data,
                                  qint64 size);
    // Part `number` of the upload is bytes [first, last] of sourceKey, copied inside the store.
    Result<QByteArray> uploadPartCopy(const QString& key, const QString& uploadId, int number, const QString& sourceKey,
                                      qint64 first, qint64 last);
    Status completeMultipartUpload(const QString& key, const QString& uploadId,
                                   const QList<QPair<int, QByteArray>>& parts);
    Status abortMultipartUpload(const QString& key, const QString& uploadId); // an unknown upload is fine
    Status listMultipartUploads(const QString& prefix, const std::function<bool(const UploadInfo&)>& visit);
    // Server-side copy of a whole object (up to 5 GiB on AWS; any size on GCS).
    Status copyObject(const QString& destinationKey, const QString& sourceKey);

    // A URL any client may GET for validitySeconds (at most 7 days).
    QUrl presignGet(const QString& key, qint64 validitySeconds) const;

private:
    struct Call
    {
        QByteArray method;
        QString key; // empty: the bucket itself
        S3Signer::QueryItems query;
        QList<HttpHeader> headers;
        const char* body = nullptr;
        qint64 size = 0;
        std::function<bool(const char*, size_t)> receiver;
        std::function<void(int)> onStatus;
    };

    explicit S3Client(Options options);
    QByteArray canonicalUri(const QString& key) const;
    S3Signer::Request signable(const Call& call, const QByteArray& payloadHash) const;
    Result<StorageHttpResponse> attempt(const Call& call, const QString& what, bool& transient);
    // One call with retries; a non-2xx answer becomes an Error (see failure()).
    Result<StorageHttpResponse> perform(const Call& call, const QString& what);
    Error failure(const StorageHttpResponse& response, const QString& what, bool& transient) const;
    QByteArray copySource(const QString& sourceKey) const;

    Options m_options;
    S3Signer m_signer;
    std::unique_ptr<StorageHttpClient> m_http;
};

} // namespace sreg
