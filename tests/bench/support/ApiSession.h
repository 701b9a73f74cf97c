#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace sreg::bench {

// An HTTP client of a server under test. By default one keep-alive connection, as a real client holds it for a
// push: every request goes over the same socket. With keepAlive false every request opens its own connection,
// which keeps a server's Nagle/delayed-ACK stalls on a reused connection (40 ms on Linux) out of a measure of
// its own work.
class ApiSession final
{
public:
    struct Reply
    {
        int status = 0; // 0: the request did not get an answer (see error)
        std::string body;
        std::string location; // the Location header, when any
        std::string error;

        QJsonObject json() const; // the body as a JSON object ({} when it is not one)
        QJsonObject data() const { return json().value(QStringLiteral("data")).toObject(); } // library envelope
    };

    // baseUrl: "http://127.0.0.1:PORT"; token: sent as "Authorization: Bearer <token>" unless empty.
    ApiSession(const QString& baseUrl, const QString& token = {}, bool keepAlive = true);
    ~ApiSession();
    ApiSession(const ApiSession&) = delete;
    ApiSession& operator=(const ApiSession&) = delete;

    Reply get(const std::string& path);
    Reply head(const std::string& path);
    Reply post(const std::string& path, const std::string& body, const std::string& contentType = {});
    Reply put(const std::string& path, const std::string& body, const std::string& contentType = {});

    // "http://host:port/a/b?c" -> "/a/b?c": servers hand out absolute URLs that point back at themselves.
    static std::string pathOf(const std::string& url);
    static std::string jsonText(const QJsonObject& object);

private:
    std::unique_ptr<httplib::Client> m_client;
    std::string m_authorization;
};

} // namespace sreg::bench
