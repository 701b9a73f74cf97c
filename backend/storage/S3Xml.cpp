#include "S3Xml.h"

#include <QDateTime>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace sreg::S3Xml {

std::optional<Document> parse(const QByteArray& body, const QString& recordName)
{
    QXmlStreamReader reader(body);
    Document document;
    QStringList path; // element names from the root down
    QMap<QString, QString>* record = nullptr;
    int recordDepth = -1;
    QString text;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = reader.name().toString();
            if (path.isEmpty())
                document.root = name;
            path.append(name);
            text.clear();
            if (!recordName.isEmpty() && name == recordName && path.size() > 1 && !record) {
                document.records.push_back({});
                record = &document.records.last();
                recordDepth = int(path.size());
            }
        } else if (token == QXmlStreamReader::Characters) {
            text += reader.text();
        } else if (token == QXmlStreamReader::EndElement) {
            const QString name = path.takeLast();
            if (record && int(path.size()) + 1 == recordDepth) {
                record = nullptr;
                recordDepth = -1;
            } else if (record && int(path.size()) == recordDepth) {
                record->insert(name, text);
            } else if (path.size() == 1) {
                document.fields.insert(name, text);
            }
            text.clear();
        }
    }
    if (reader.hasError() || document.root.isEmpty())
        return std::nullopt;
    return document;
}

std::optional<ErrorInfo> error(const QByteArray& body)
{
    const std::optional<Document> document = parse(body);
    if (!document || document->root != u"Error")
        return std::nullopt;
    return ErrorInfo { document->fields.value(QStringLiteral("Code")),
                       document->fields.value(QStringLiteral("Message")) };
}

QByteArray completeMultipartBody(const QList<QPair<int, QByteArray>>& parts)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    writer.writeStartElement(QStringLiteral("CompleteMultipartUpload"));
    for (const auto& [number, etag] : parts) {
        writer.writeStartElement(QStringLiteral("Part"));
        writer.writeTextElement(QStringLiteral("PartNumber"), QString::number(number));
        writer.writeTextElement(QStringLiteral("ETag"),
                                QLatin1Char('"') + QString::fromLatin1(etag) + QLatin1Char('"'));
        writer.writeEndElement();
    }
    writer.writeEndElement();
    return out;
}

qint64 parseTime(const QString& text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

} // namespace sreg::S3Xml
