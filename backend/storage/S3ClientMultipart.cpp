// S3Client, continued: multipart uploads, server-side copies and presigned URLs (split from S3Client.cpp to
// keep each file short; one class).
#include "S3Client.h"
#include "S3Xml.h"

#include <QDateTime>

namespace sreg {

QByteArray S3Client::copySource(const QString& sourceKey) const
{
    return '/' + S3Signer::uriEncode(m_options.bucket.toUtf8(), true) + '/'
        + S3Signer::uriEncode(sourceKey.toUtf8(), false);
}

Status S3Client::createBucket()
{
    Call call;
    call.method = "PUT";
    QByteArray body; // us-east-1 is the default location and must not be named
    if (m_options.region != u"us-east-1" && !m_options.gcs)
        body = "<CreateBucketConfiguration><LocationConstraint>" + m_options.region.toHtmlEscaped().toUtf8()
            + "</LocationConstraint></CreateBucketConfiguration>";
    call.body = body.constData();
    call.size = body.size();
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("creating the bucket"));
    if (!response && !response.error().message().contains(QStringLiteral("BucketAlreadyOwnedByYou")))
        return response.error();
    return {};
}

Status S3Client::deleteBucket()
{
    Call call;
    call.method = "DELETE";
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("deleting the bucket"));
    if (!response && !response.error().message().contains(QStringLiteral("NoSuchBucket")))
        return response.error();
    return {};
}

Result<QString> S3Client::createMultipartUpload(const QString& key)
{
    Call call;
    call.method = "POST";
    call.key = key;
    call.query = { { "uploads", "" } };
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("starting a multipart upload of %1").arg(key));
    if (!response)
        return response.error();
    const std::optional<S3Xml::Document> document = S3Xml::parse(response->body);
    const QString uploadId = document ? document->fields.value(QStringLiteral("UploadId")) : QString();
    if (uploadId.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("%1: no UploadId in the answer").arg(describe()));
    return uploadId;
}

Result<QByteArray> S3Client::uploadPart(const QString& key, const QString& uploadId, int number, const char* data,
                                        qint64 size)
{
    Call call;
    call.method = "PUT";
    call.key = key;
    call.query = { { "partNumber", QByteArray::number(number) }, { "uploadId", uploadId.toUtf8() } };
    call.body = data;
    call.size = size;
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("sending part %1 of %2").arg(number).arg(key));
    if (!response)
        return response.error();
    const QByteArray etag = response->etag();
    if (etag.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("%1: no ETag for part %2").arg(describe()).arg(number));
    return etag;
}

Result<QByteArray> S3Client::uploadPartCopy(const QString& key, const QString& uploadId, int number,
                                            const QString& sourceKey, qint64 first, qint64 last)
{
    Call call;
    call.method = "PUT";
    call.key = key;
    call.query = { { "partNumber", QByteArray::number(number) }, { "uploadId", uploadId.toUtf8() } };
    call.headers.push_back({ "x-amz-copy-source", copySource(sourceKey) });
    call.headers.push_back(
        { "x-amz-copy-source-range", "bytes=" + QByteArray::number(first) + '-' + QByteArray::number(last) });
    Result<StorageHttpResponse> response
        = perform(call, QStringLiteral("copying part %1 of %2 into %3").arg(number).arg(sourceKey, key));
    if (!response)
        return response.error();
    if (const std::optional<S3Xml::ErrorInfo> error = S3Xml::error(response->body))
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("%1: copying part %2 failed: %3 (%4)")
                         .arg(describe())
                         .arg(number)
                         .arg(error->code, error->message));
    const std::optional<S3Xml::Document> document = S3Xml::parse(response->body);
    const QByteArray etag
        = document ? unquotedEtag(document->fields.value(QStringLiteral("ETag")).toUtf8()) : QByteArray();
    if (etag.isEmpty())
        return Error(ErrorCode::Internal, QStringLiteral("%1: no ETag for copied part %2").arg(describe()).arg(number));
    return etag;
}

Status S3Client::completeMultipartUpload(const QString& key, const QString& uploadId,
                                         const QList<QPair<int, QByteArray>>& parts)
{
    Call call;
    call.method = "POST";
    call.key = key;
    call.query = { { "uploadId", uploadId.toUtf8() } };
    const QByteArray body = S3Xml::completeMultipartBody(parts);
    call.body = body.constData();
    call.size = body.size();
    call.headers.push_back({ "Content-Type", "application/xml" });
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("completing the upload of %1").arg(key));
    if (!response)
        return response.error();
    // S3 answers 200 at once and may still fail while it assembles: the failure is then in the body.
    if (const std::optional<S3Xml::ErrorInfo> error = S3Xml::error(response->body))
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("%1: completing the upload of %2 failed: %3 (%4)")
                         .arg(describe(), key, error->code, error->message));
    return {};
}

Status S3Client::abortMultipartUpload(const QString& key, const QString& uploadId)
{
    Call call;
    call.method = "DELETE";
    call.key = key;
    call.query = { { "uploadId", uploadId.toUtf8() } };
    Result<StorageHttpResponse> response = perform(call, QStringLiteral("aborting the upload of %1").arg(key));
    if (!response && response.error().code() != ErrorCode::NotFound)
        return response.error();
    return {};
}

Status S3Client::listMultipartUploads(const QString& prefix, const std::function<bool(const UploadInfo&)>& visit)
{
    QString keyMarker;
    QString uploadMarker;
    for (;;) {
        Call call;
        call.method = "GET";
        call.query = { { "uploads", "" }, { "prefix", prefix.toUtf8() } };
        if (!keyMarker.isEmpty()) {
            call.query.push_back({ "key-marker", keyMarker.toUtf8() });
            call.query.push_back({ "upload-id-marker", uploadMarker.toUtf8() });
        }
        Result<StorageHttpResponse> response = perform(call, QStringLiteral("listing unfinished uploads"));
        if (!response)
            return response.error();
        const std::optional<S3Xml::Document> document = S3Xml::parse(response->body, QStringLiteral("Upload"));
        if (!document || document->root != u"ListMultipartUploadsResult")
            return Error(ErrorCode::Internal, QStringLiteral("%1: unreadable list of uploads").arg(describe()));
        for (const QMap<QString, QString>& record : document->records) {
            UploadInfo info { record.value(QStringLiteral("Key")), record.value(QStringLiteral("UploadId")),
                              S3Xml::parseTime(record.value(QStringLiteral("Initiated"))) };
            if (!info.key.startsWith(prefix) || info.uploadId.isEmpty())
                continue;
            if (!visit(info))
                return {};
        }
        keyMarker = document->fields.value(QStringLiteral("NextKeyMarker"));
        uploadMarker = document->fields.value(QStringLiteral("NextUploadIdMarker"));
        if (document->fields.value(QStringLiteral("IsTruncated")) != u"true" || keyMarker.isEmpty())
            return {};
    }
}

Status S3Client::copyObject(const QString& destinationKey, const QString& sourceKey)
{
    Call call;
    call.method = "PUT";
    call.key = destinationKey;
    call.headers.push_back({ "x-amz-copy-source", copySource(sourceKey) });
    Result<StorageHttpResponse> response
        = perform(call, QStringLiteral("copying %1 to %2").arg(sourceKey, destinationKey));
    if (!response)
        return response.error();
    if (const std::optional<S3Xml::ErrorInfo> error = S3Xml::error(response->body))
        return Error(
            ErrorCode::Unavailable,
            QStringLiteral("%1: copying %2 failed: %3 (%4)").arg(describe(), sourceKey, error->code, error->message));
    return {};
}

QUrl S3Client::presignGet(const QString& key, qint64 validitySeconds) const
{
    Call call;
    call.method = "GET";
    call.key = key;
    const S3Signer::Request request = signable(call, S3Signer::UnsignedPayload);
    const QByteArray query = m_signer.presignQuery(request, QDateTime::currentDateTimeUtc(), validitySeconds);
    return QUrl::fromEncoded(m_http->originText().toLatin1() + request.canonicalUri + '?' + query, QUrl::StrictMode);
}

} // namespace sreg
