#include "NativeClient.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <csignal>
#include <httplib.h>
#include <memory>

namespace sreg::test {

namespace {

std::unique_ptr<httplib::Client> clientFor(const QString& base)
{
    auto client = std::make_unique<httplib::Client>(base.toStdString());
    client->set_read_timeout(300, 0);
    client->set_write_timeout(300, 0);
    client->enable_server_certificate_verification(false);
    return client;
}

NativeClient::Reply toReply(const httplib::Result& result)
{
    NativeClient::Reply reply;
    if (!result)
        return reply;
    reply.status = result->status;
    reply.body = QByteArray::fromStdString(result->body);
    for (const auto& [key, value] : result->headers)
        reply.headers.emplace(key, value);
    return reply;
}

httplib::Headers withAuthorization(const QString& authorization)
{
    httplib::Headers headers { { "Content-Type", "application/json" } }; // sregistry-cli's default header
    if (!authorization.isEmpty())
        headers.emplace("Authorization", authorization.toStdString());
    return headers;
}

// Splits "http://host:port/path?q" into the client base and the path.
std::pair<QString, QString> split(const QString& url)
{
    const QUrl parsed(url);
    QString base = parsed.scheme() + QStringLiteral("://") + parsed.host();
    if (parsed.port() > 0)
        base += u':' + QString::number(parsed.port());
    QString path = parsed.path(QUrl::FullyEncoded);
    if (parsed.hasQuery())
        path += u'?' + parsed.query(QUrl::FullyEncoded);
    return { base, path };
}

} // namespace

std::string NativeClient::Reply::header(const std::string& name) const
{
    for (const auto& [key, value] : headers) {
        if (QString::fromStdString(key).compare(QString::fromStdString(name), Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

NativeClient::NativeClient(QString baseUrl, QString user, QString token)
    : m_baseUrl(std::move(baseUrl)), m_user(std::move(user)), m_token(std::move(token))
{
}

QString NativeClient::timestamp(const QDateTime& utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HH'Z'"));
}

QString NativeClient::authorization(const QString& kind, const QString& collection, const QString& name,
                                    const QString& tag, const QDateTime& when) const
{
    const QString ts = timestamp(when);
    const QByteArray payload = QStringLiteral("%1|%2|%3|%4|%5|").arg(kind, collection, ts, name, tag).toUtf8();
    const QByteArray signature
        = QMessageAuthenticationCode::hash(payload, m_token.toUtf8(), QCryptographicHash::Sha256).toHex();
    const QString credential = kind + u'/' + QString::fromLatin1(m_user.toUtf8().toBase64()) + u'/' + ts;
    return QStringLiteral("SREGISTRY-HMAC-SHA256 Credential=%1,Signature=%2")
        .arg(credential, QString::fromLatin1(signature));
}

NativeClient::Reply NativeClient::get(const QString& path, const QString& authorization) const
{
    const auto [base, target] = split(path.startsWith(QStringLiteral("http")) ? path : m_baseUrl + path);
    return toReply(clientFor(base)->Get(target.toStdString(), withAuthorization(authorization)));
}

NativeClient::Reply NativeClient::head(const QString& url) const
{
    const auto [base, target] = split(url);
    return toReply(clientFor(base)->Head(target.toStdString()));
}

NativeClient::Reply NativeClient::del(const QString& path, const QString& authorization) const
{
    const auto [base, target] = split(m_baseUrl + path);
    return toReply(clientFor(base)->Delete(target.toStdString(), withAuthorization(authorization)));
}

NativeClient::Reply NativeClient::post(const QString& path, const QByteArray& body, const QString& contentType,
                                       const QString& authorization) const
{
    const auto [base, target] = split(m_baseUrl + path);
    httplib::Headers headers;
    if (!authorization.isEmpty())
        headers.emplace("Authorization", authorization.toStdString());
    return toReply(clientFor(base)->Post(target.toStdString(), headers, body.toStdString(), contentType.toStdString()));
}

NativeClient::Reply NativeClient::chunkedUpload(const QString& collection, const QString& name,
                                                const QString& tag) const
{
    const QJsonObject fields { { QStringLiteral("collection"), collection },
                               { QStringLiteral("name"), name },
                               { QStringLiteral("tag"), tag } };
    return post(QStringLiteral("/api/upload/chunked_upload"), QJsonDocument(fields).toJson(QJsonDocument::Compact),
                QStringLiteral("application/json"), authorization(QStringLiteral("push"), collection, name, tag));
}

NativeClient::Reply NativeClient::upload(const QString& file, const QString& cid, const QString& collection,
                                         const QString& name, const QString& tag,
                                         const QString& authorizationOverride) const
{
    const QString event = authorizationOverride.isEmpty()
        ? authorization(QStringLiteral("upload"), collection, name, tag)
        : authorizationOverride;
    const std::string boundary = "3f1a9c0e8b7d4e2a9c6f5b4d3e2a1f0c";
    const auto field = [&](const char* key, const QString& value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + key + "\"\r\n\r\n"
            + value.toStdString() + "\r\n";
    };
    const std::string head = field("SREGISTRY_EVENT", event) + field("name", name) + field("collection", cid)
        + field("tag", tag) + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file1\"; filename=\""
        + (name + u':' + tag + QStringLiteral(".sif")).toStdString() + "\"\r\nContent-Type: text/plain\r\n\r\n";
    const std::string tail = "\r\n--" + boundary + "--\r\n";
    auto source = std::make_shared<QFile>(file);
    if (!source->open(QIODevice::ReadOnly))
        return {};
    const qint64 size = source->size();
    const size_t total = head.size() + size_t(size) + tail.size();
    httplib::Headers headers { { "Authorization", event.toStdString() } };
    const auto [base, target] = split(m_baseUrl + QStringLiteral("/upload"));
    return toReply(clientFor(base)->Post(
        target.toStdString(), headers, total,
        [&, source](size_t offset, size_t length, httplib::DataSink& sink) {
            std::string chunk;
            if (offset < head.size()) {
                chunk = head.substr(offset, length);
            } else if (offset < head.size() + size_t(size)) {
                source->seek(qint64(offset - head.size()));
                chunk = source->read(qint64(std::min<size_t>(length, 1 << 20))).toStdString();
                if (chunk.empty())
                    return false;
            } else {
                chunk = tail.substr(offset - head.size() - size_t(size), length);
            }
            return sink.write(chunk.data(), chunk.size());
        },
        "multipart/form-data; boundary=" + boundary));
}

NativeClient::Reply NativeClient::push(const QString& file, const QString& collection, const QString& name,
                                       const QString& tag) const
{
    Reply created = chunkedUpload(collection, name, tag);
    if (created.status != 200)
        return created;
    const QJsonValue cid = created.json().object().value(QStringLiteral("cid"));
    const QString cidText = cid.isString() ? cid.toString() : QString::number(cid.toInteger());
    return upload(file, cidText, collection, name, tag);
}

NativeClient::Reply NativeClient::manifest(const QString& collection, const QString& name, const QString& tag,
                                           bool* signedRetry) const
{
    const QString path = QStringLiteral("/api/container/%1/%2:%3").arg(collection, name, tag);
    Reply reply = get(path);
    if (signedRetry)
        *signedRetry = false;
    if (reply.status == 403 && !m_token.isEmpty()) {
        if (signedRetry)
            *signedRetry = true;
        reply = get(path, authorization(QStringLiteral("pull"), collection, name, tag));
    }
    return reply;
}

NativeClient::Reply NativeClient::download(const QString& url, const QString& outFile) const
{
    Reply probe = head(url);
    if (probe.status != 200 && probe.status != 401)
        return probe;
    const auto [base, target] = split(url);
    QFile out(outFile);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    Reply reply;
    auto result = clientFor(base)->Get(
        target.toStdString(), httplib::Headers { { "Content-Type", "application/json" } },
        [&](const httplib::Response& response) {
            reply.status = response.status;
            for (const auto& [key, value] : response.headers)
                reply.headers.emplace(key, value);
            return true;
        },
        [&](const char* data, size_t length) { return out.write(data, qint64(length)) == qint64(length); });
    if (!result)
        reply.status = 0;
    return reply;
}

NativeClient::Reply NativeClient::remove(const QString& collection, const QString& name, const QString& tag) const
{
    return del(QStringLiteral("/api/container/%1/%2:%3").arg(collection, name, tag),
               authorization(QStringLiteral("delete"), collection, name, tag));
}

} // namespace sreg::test
