#include "ApiSession.h"

#include <QJsonDocument>
#include <httplib.h>

namespace sreg::bench {

namespace {

ApiSession::Reply toReply(const httplib::Result& result)
{
    ApiSession::Reply reply;
    if (!result) {
        reply.error = httplib::to_string(result.error());
        return reply;
    }
    reply.status = result->status;
    reply.body = result->body;
    if (result->has_header("Location"))
        reply.location = result->get_header_value("Location");
    return reply;
}

} // namespace

QJsonObject ApiSession::Reply::json() const
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
}

ApiSession::ApiSession(const QString& baseUrl, const QString& token, bool keepAlive)
    : m_client(std::make_unique<httplib::Client>(baseUrl.toStdString()))
{
    m_client->set_keep_alive(keepAlive);
    m_client->set_tcp_nodelay(true); // as Go's net/http and curl do: no Nagle delay between headers and body
    m_client->set_connection_timeout(10);
    m_client->set_read_timeout(300);
    m_client->set_write_timeout(300);
    if (!token.isEmpty())
        m_authorization = "Bearer " + token.toStdString();
}

ApiSession::~ApiSession() = default;

ApiSession::Reply ApiSession::get(const std::string& path)
{
    httplib::Headers headers;
    if (!m_authorization.empty())
        headers.emplace("Authorization", m_authorization);
    return toReply(m_client->Get(path, headers));
}

ApiSession::Reply ApiSession::head(const std::string& path)
{
    httplib::Headers headers;
    if (!m_authorization.empty())
        headers.emplace("Authorization", m_authorization);
    return toReply(m_client->Head(path, headers));
}

ApiSession::Reply ApiSession::post(const std::string& path, const std::string& body, const std::string& contentType)
{
    httplib::Headers headers;
    if (!m_authorization.empty())
        headers.emplace("Authorization", m_authorization);
    return toReply(m_client->Post(path, headers, body, contentType));
}

ApiSession::Reply ApiSession::put(const std::string& path, const std::string& body, const std::string& contentType)
{
    httplib::Headers headers;
    if (!m_authorization.empty())
        headers.emplace("Authorization", m_authorization);
    return toReply(m_client->Put(path, headers, body, contentType));
}

std::string ApiSession::pathOf(const std::string& url)
{
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos)
        return url;
    const size_t slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? std::string("/") : url.substr(slash);
}

std::string ApiSession::jsonText(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace sreg::bench
