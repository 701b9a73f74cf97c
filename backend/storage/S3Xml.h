#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <optional>

namespace sreg {

// Reading the small XML documents S3 answers with (QXmlStreamReader, Qt Core). S3's documents are shallow: a
// root with scalar fields and repeated records (Contents, Upload, ...) whose children are scalars, which is all
// these helpers look at. Anything malformed reads as empty, and the callers treat missing fields as errors.
namespace S3Xml {

struct Document
{
    QString root; // "ListBucketResult", "Error", ...
    QMap<QString, QString> fields; // direct scalar children of the root
    QList<QMap<QString, QString>> records; // children of every element named recordName, in order
};

// Parses body; records are collected from elements named recordName (any depth below the root).
std::optional<Document> parse(const QByteArray& body, const QString& recordName = {});

struct ErrorInfo
{
    QString code; // "NoSuchKey", "SignatureDoesNotMatch", ...
    QString message;
};
// The <Error> document of a failed request (or of a 200 reply that failed late, as CopyObject and
// CompleteMultipartUpload may send).
std::optional<ErrorInfo> error(const QByteArray& body);

// "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"..."</ETag></Part>...</CompleteMultipartUpload>"
QByteArray completeMultipartBody(const QList<QPair<int, QByteArray>>& parts);

// S3 times ("2013-09-17T18:07:53.000Z") as Unix milliseconds; 0 when unreadable.
qint64 parseTime(const QString& text);

} // namespace S3Xml
} // namespace sreg
