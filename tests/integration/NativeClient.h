#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QString>
#include <map>
#include <string>

namespace sreg::test {

// An sregistry native-API client that behaves as sregistry-cli 0.2.39's "registry" backend does on the wire
// (see shared/reference/library-api-clients.md, part 2): SREGISTRY-HMAC-SHA256 signatures over
// "<kind>|<collection>|<UTC %Y%m%dT%HZ>|<name>|<tag>|" keyed with the token, base64 user name in the credential,
// push as chunked_upload then a multipart/form-data POST /upload (fields SREGISTRY_EVENT, name, collection=cid,
// tag, then file1 as "<name>:<tag>.sif" text/plain), pull unsigned first and signed only after a 403, then HEAD
// and GET of the manifest's image URL without credentials.
class NativeClient final
{
public:
    struct Reply
    {
        int status = 0; // 0: no HTTP reply (connection failed)
        QByteArray body;
        std::multimap<std::string, std::string> headers;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
        std::string header(const std::string& name) const;
    };

    NativeClient(QString baseUrl, QString user = {}, QString token = {});

    static QString timestamp(const QDateTime& utc);
    // The Authorization value sregistry-cli sends; when: the signing time (tests shift it).
    QString authorization(const QString& kind, const QString& collection, const QString& name, const QString& tag,
                          const QDateTime& when = QDateTime::currentDateTimeUtc()) const;

    Reply get(const QString& path, const QString& authorization = {}) const;
    Reply head(const QString& url) const; // absolute URL
    Reply del(const QString& path, const QString& authorization = {}) const;
    Reply post(const QString& path, const QByteArray& body, const QString& contentType,
               const QString& authorization) const;

    // POST /api/upload/chunked_upload; the reply carries "cid".
    Reply chunkedUpload(const QString& collection, const QString& name, const QString& tag) const;
    // POST /upload with the file streamed from disk; cid as chunked_upload returned it.
    Reply upload(const QString& file, const QString& cid, const QString& collection, const QString& name,
                 const QString& tag, const QString& authorizationOverride = {}) const;
    // chunkedUpload then upload, as `sregistry push --name collection/name --tag tag file`.
    Reply push(const QString& file, const QString& collection, const QString& name, const QString& tag) const;
    // GET /api/container/c/n:t unsigned, then signed after a 403, as `sregistry pull`.
    Reply manifest(const QString& collection, const QString& name, const QString& tag,
                   bool* signedRetry = nullptr) const;
    // HEAD then GET of an absolute URL into outFile (no credentials).
    Reply download(const QString& url, const QString& outFile) const;
    // DELETE /api/container/c/n:t signed with kind "delete".
    Reply remove(const QString& collection, const QString& name, const QString& tag) const;

private:
    QString m_baseUrl;
    QString m_user;
    QString m_token;
};

} // namespace sreg::test
