#include "HttpClient.h"

#include <QFile>
#include <QUrl>
#include <csignal>
#include <httplib.h>
#include <memory>

namespace sreg::test {

namespace {

std::pair<std::string, std::string> split(const QString& url)
{
    const QUrl parsed(url);
    QString base = parsed.scheme() + QStringLiteral("://") + parsed.host();
    if (parsed.port() > 0)
        base += u':' + QString::number(parsed.port());
    QString path = parsed.path(QUrl::FullyEncoded);
    if (parsed.hasQuery())
        path += u'?' + parsed.query(QUrl::FullyEncoded);
    return { base.toStdString(), path.toStdString() };
}

HttpClient::Reply toReply(const httplib::Result& result)
{
    HttpClient::Reply reply;
    if (!result)
        return reply;
    reply.status = result->status;
    reply.body = QByteArray::fromStdString(result->body);
    for (const auto& [key, value] : result->headers)
        reply.headers.emplace(key, value);
    return reply;
}

} // namespace

QString HttpClient::Reply::header(const std::string& name) const
{
    for (const auto& [key, value] : headers) {
        if (QString::fromStdString(key).compare(QString::fromStdString(name), Qt::CaseInsensitive) == 0)
            return QString::fromStdString(value);
    }
    return {};
}

HttpClient::HttpClient(QString baseUrl, QString bearerToken)
    : m_baseUrl(std::move(baseUrl)), m_token(std::move(bearerToken))
{
}

HttpClient::Reply HttpClient::send(const QString& method, const QString& path, const QByteArray* body,
                                   const Headers& headers) const
{
    const auto [base, target] = split(path.startsWith(QStringLiteral("http")) ? path : m_baseUrl + path);
    httplib::Client client(base);
    client.set_read_timeout(120, 0);
    client.set_write_timeout(120, 0);
    client.enable_server_certificate_verification(false);
    httplib::Headers all;
    if (!m_token.isEmpty())
        all.emplace("Authorization", ("BEARER " + m_token).toStdString()); // upper case, as the Go client sends it
    for (const auto& [key, value] : headers)
        all.emplace(key.toStdString(), value.toStdString());
    const std::string content = body ? body->toStdString() : std::string();
    // No Content-Type on bodies: the Go client sends none either.
    if (method == u"GET")
        return toReply(client.Get(target, all));
    if (method == u"HEAD")
        return toReply(client.Head(target, all));
    if (method == u"DELETE")
        return toReply(client.Delete(target, all));
    if (method == u"POST")
        return toReply(client.Post(target, all, content, ""));
    return toReply(client.Put(target, all, content, ""));
}

HttpClient::Reply HttpClient::get(const QString& path, const Headers& headers) const
{
    return send(QStringLiteral("GET"), path, nullptr, headers);
}

HttpClient::Reply HttpClient::head(const QString& path, const Headers& headers) const
{
    return send(QStringLiteral("HEAD"), path, nullptr, headers);
}

HttpClient::Reply HttpClient::del(const QString& path, const Headers& headers) const
{
    return send(QStringLiteral("DELETE"), path, nullptr, headers);
}

HttpClient::Reply HttpClient::post(const QString& path, const QByteArray& body, const Headers& headers) const
{
    return send(QStringLiteral("POST"), path, &body, headers);
}

HttpClient::Reply HttpClient::put(const QString& path, const QByteArray& body, const Headers& headers) const
{
    return send(QStringLiteral("PUT"), path, &body, headers);
}

HttpClient::Reply HttpClient::postJson(const QString& path, const QJsonObject& body) const
{
    return post(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpClient::Reply HttpClient::putJson(const QString& path, const QJsonObject& body) const
{
    return put(path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

HttpClient::Reply HttpClient::putFile(const QString& path, const QString& file, const Headers& headers) const
{
    const auto [base, target] = split(path.startsWith(QStringLiteral("http")) ? path : m_baseUrl + path);
    auto source = std::make_shared<QFile>(file);
    if (!source->open(QIODevice::ReadOnly))
        return {};
    httplib::Client client(base);
    client.set_read_timeout(600, 0);
    client.set_write_timeout(600, 0);
    httplib::Headers all;
    for (const auto& [key, value] : headers)
        all.emplace(key.toStdString(), value.toStdString());
    return toReply(client.Put(
        target, all, size_t(source->size()),
        [source](size_t offset, size_t length, httplib::DataSink& sink) {
            source->seek(qint64(offset));
            const QByteArray chunk = source->read(qint64(std::min<size_t>(length, 1 << 20)));
            return !chunk.isEmpty() && sink.write(chunk.constData(), size_t(chunk.size()));
        },
        "application/octet-stream"));
}

} // namespace sreg::test
