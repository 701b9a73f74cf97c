#pragma once

#include "RetryPolicy.h"
#include "StorageHttpClient.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <memory>
#include <mutex>

namespace sreg {

// Signs in to OpenStack Swift and keeps the token fresh. Two ways in:
//  - tempauth / swauth (v1): GET <authUrl> with X-Auth-User and X-Auth-Key; the answer carries the token and the
//    storage URL (what Swift's all-in-one test server and many small sites use);
//  - Keystone v3: POST <authUrl>/auth/tokens with a password (user, domain, project) or an application
//    credential (id and secret, the way OpenStack recommends for services); the storage URL is the catalog's
//    object-store endpoint for the configured interface and region.
// The token is reused until five minutes before it expires, and thrown away when Swift answers 401 to it
// (revoked, or a tempauth token that memcached forgot), so the next request signs in again. Thread-safe:
// threads that need a token while another signs in wait for that sign-in.
class SwiftAuth final
{
public:
    enum class Method
    {
        TempAuth,
        KeystonePassword,
        KeystoneApplicationCredential,
    };

    struct Options
    {
        Method method = Method::TempAuth;
        QUrl authUrl; // tempauth: .../auth/v1.0; Keystone: .../v3
        QString user; // tempauth "account:user"; Keystone user name
        QString userDomain = QStringLiteral("Default");
        QString project; // Keystone project (tenant) name
        QString projectDomain = QStringLiteral("Default");
        QString applicationCredentialId;
        QByteArray secret; // the key, password or application credential secret: never logged
        QString region; // Keystone catalog region; empty: the first object-store endpoint
        QString interface = QStringLiteral("public");
        QUrl storageUrl; // overrides the URL the sign-in returns (a proxy in front of Swift, say)
        bool verifyTls = true;
        QString caFile;
        RetryPolicy retry;
    };

    struct Session
    {
        QByteArray token; // never logged
        QUrl storageUrl; // https://host/v1/AUTH_project
        qint64 expiresMs = 0; // 0: unknown (assumed a day)
    };

    explicit SwiftAuth(Options options);
    ~SwiftAuth();

    // A valid token and storage URL, signing in when there is none or it is about to expire.
    Result<Session> session();
    // Forgets token if it is still the current one (Swift refused it); the next session() signs in again.
    void invalidate(const QByteArray& token);
    QString describe() const; // "tempauth test:tester at http://host/auth/v1.0", no secret
    const Options& options() const { return m_options; }

private:
    Result<Session> signIn();
    Result<Session> tempAuth(bool& transient);
    Result<Session> keystone(bool& transient);
    Result<QUrl> catalogEndpoint(const QByteArray& body) const;
    Error refused(int status, const QByteArray& body) const;

    Options m_options;
    StorageHttpClient m_http;
    std::mutex m_mutex;
    std::optional<Session> m_session;
};

} // namespace sreg
