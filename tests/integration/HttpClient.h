#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <map>
#include <string>

namespace sreg::test {

// A small blocking HTTP client for the integration tests (cpp-httplib's), one request per call, returning the
// status, headers and body. Bodies up to a few MiB are passed whole; large uploads go through putFile.
class HttpClient final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    struct Reply
    {
        int status = 0; // 0: no reply (connection refused, reset, timed out)
        QByteArray body;
        std::multimap<std::string, std::string> headers;

        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
        QJsonValue data() const { return json().value(QStringLiteral("data")); }
        QString errorMessage() const
        {
            return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        }
        QString header(const std::string& name) const;
    };

    explicit HttpClient(QString baseUrl, QString bearerToken = {});

    Reply get(const QString& path, const Headers& headers = {}) const;
    Reply head(const QString& path, const Headers& headers = {}) const;
    Reply del(const QString& path, const Headers& headers = {}) const;
    Reply post(const QString& path, const QByteArray& body, const Headers& headers = {}) const;
    Reply put(const QString& path, const QByteArray& body, const Headers& headers = {}) const;
    Reply postJson(const QString& path, const QJsonObject& body) const;
    Reply putJson(const QString& path, const QJsonObject& body) const;
    // PUT of a file streamed from disk (absolute URL or path).
    Reply putFile(const QString& path, const QString& file, const Headers& headers = {}) const;

private:
    Reply send(const QString& method, const QString& path, const QByteArray* body, const Headers& headers) const;

    QString m_baseUrl;
    QString m_token;
};

} // namespace sreg::test
