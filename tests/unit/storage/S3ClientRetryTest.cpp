// How the S3 client (and Keystone sign-in) behave when the server misbehaves, against a scripted in-process
// HTTP server: throttling and 5xx retried with backoff, refusals not retried and reported without secrets, a
// ranged read cut mid-way resumed where it stopped, a wrong region named, Keystone's catalog and token
// lifetime. What a real server must check (signatures) is tested against Swift in tests/integration/storage.
#include "ResultAssertions.h"
#include "http/SelfSignedCertificate.h"
#include "storage/S3Client.h"
#include "storage/SwiftAuth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <atomic>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace sreg;

namespace {

const QByteArray Secret = "s3cr3t-never-shown";

// An httplib server on an ephemeral loopback port, running until destroyed.
class FakeServer final
{
public:
    FakeServer()
    {
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running())
            std::this_thread::yield();
    }
    ~FakeServer()
    {
        m_server.stop();
        m_thread.join();
    }
    httplib::Server& server() { return m_server; }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
};

std::unique_ptr<S3Client> clientFor(const QUrl& endpoint)
{
    S3Client::Options options;
    options.endpoint = endpoint;
    options.bucket = QStringLiteral("bucket");
    options.credentials = S3Credentials { QStringLiteral("AKIDTEST"), Secret, {} };
    options.retry.baseDelay = std::chrono::milliseconds(1);
    options.retry.maxAttempts = 4;
    Result<std::unique_ptr<S3Client>> client = S3Client::create(options);
    return client ? std::move(*client) : nullptr;
}

std::string s3Error(const char* code, const char* message)
{
    return std::string("<?xml version=\"1.0\"?><Error><Code>") + code + "</Code><Message>" + message
        + "</Message><StringToSign>AWS4-HMAC-SHA256...</StringToSign></Error>";
}

} // namespace

class S3ClientRetryTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retriesThrottlingAndServerErrors()
    {
        FakeServer fake;
        std::atomic<int> calls = 0;
        fake.server().Put("/bucket/key", [&](const httplib::Request& request, httplib::Response& response) {
            const int call = ++calls;
            QVERIFY(request.has_header("Authorization"));
            QCOMPARE(QByteArray::fromStdString(request.body), QByteArray("bytes"));
            if (call == 1) {
                response.status = 503;
                response.set_content(s3Error("SlowDown", "Please reduce your request rate."), "application/xml");
            } else if (call == 2) {
                response.status = 500;
            } else {
                response.set_header("ETag", "\"abc\"");
            }
        });
        auto client = clientFor(fake.url());
        QVERIFY(client);
        auto etag = client->putObject(QStringLiteral("key"), "bytes", 5);
        SREG_VERIFY_OK(etag);
        QCOMPARE(*etag, QByteArray("abc"));
        QCOMPARE(calls.load(), 3);
    }

    void givesUpAfterTheLastAttempt()
    {
        FakeServer fake;
        std::atomic<int> calls = 0;
        fake.server().Get("/bucket/key", [&](const httplib::Request&, httplib::Response& response) {
            ++calls;
            response.status = 503;
        });
        auto client = clientFor(fake.url());
        char buffer[10];
        auto read = client->readRange(QStringLiteral("key"), 0, 10, buffer);
        SREG_VERIFY_ERROR(read, ErrorCode::Unavailable);
        QVERIFY2(read.error().message().contains(QStringLiteral("gave up after 4 attempts")),
                 qPrintable(read.error().message()));
        QCOMPARE(calls.load(), 4);
    }

    void refusalsAreNotRetriedAndShowNoSecret()
    {
        FakeServer fake;
        std::atomic<int> calls = 0;
        fake.server().Put("/bucket/key", [&](const httplib::Request&, httplib::Response& response) {
            ++calls;
            response.status = 403;
            response.set_content(s3Error("SignatureDoesNotMatch", "The request signature we calculated does not match"),
                                 "application/xml");
        });
        auto client = clientFor(fake.url());
        auto put = client->putObject(QStringLiteral("key"), "x", 1);
        SREG_VERIFY_ERROR(put, ErrorCode::Unavailable);
        QCOMPARE(calls.load(), 1);
        const QString message = put.error().message();
        QVERIFY2(message.contains(QStringLiteral("refused the credentials of access key 'AKIDTEST'")),
                 qPrintable(message));
        QVERIFY(!message.contains(QString::fromLatin1(Secret)));
        QVERIFY(!message.contains(QStringLiteral("StringToSign")));
    }

    void missingObjectsAndBucketsAreTold()
    {
        FakeServer fake;
        fake.server().Get("/bucket/absent", [](const httplib::Request&, httplib::Response& response) {
            response.status = 404;
            response.set_content(s3Error("NoSuchKey", "The specified key does not exist."), "application/xml");
        });
        fake.server().Put("/bucket/key", [](const httplib::Request&, httplib::Response& response) {
            response.status = 404;
            response.set_content(s3Error("NoSuchBucket", "The specified bucket does not exist"), "application/xml");
        });
        fake.server().Get("/bucket", [](const httplib::Request&, httplib::Response& response) {
            response.status = 301;
            response.set_header("x-amz-bucket-region", "eu-west-3");
        });
        auto client = clientFor(fake.url());
        SREG_VERIFY_ERROR(client->getObject(QStringLiteral("absent"), 100), ErrorCode::NotFound);
        auto put = client->putObject(QStringLiteral("key"), "x", 1);
        SREG_VERIFY_ERROR(put, ErrorCode::Unavailable);
        QVERIFY2(put.error().message().contains(QStringLiteral("bucket 'bucket' does not exist")),
                 qPrintable(put.error().message()));
        Status checked = client->checkBucket();
        SREG_VERIFY_ERROR(checked, ErrorCode::Unavailable);
        QVERIFY2(checked.error().message().contains(QStringLiteral("another region (eu-west-3)")),
                 qPrintable(checked.error().message()));
    }

    void cutReadResumesWhereItStopped()
    {
        // A raw socket server, since the cut must be a real one: the first answer promises the whole range,
        // sends 300000 bytes and closes the connection.
        QByteArray object(1000000, Qt::Uninitialized);
        for (int i = 0; i < object.size(); ++i)
            object[i] = char(i * 7 + (i >> 9));
        const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        socklen_t length = sizeof address;
        QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
        QVERIFY(::listen(listener, 4) == 0);
        std::vector<std::string> ranges;
        std::thread server([&] {
            for (int call = 1; call <= 2; ++call) {
                const int connection = ::accept(listener, nullptr, nullptr);
                std::string request;
                char buffer[4096];
                while (request.find("\r\n\r\n") == std::string::npos) {
                    const ssize_t n = ::read(connection, buffer, sizeof buffer);
                    if (n <= 0)
                        break;
                    request.append(buffer, size_t(n));
                }
                const size_t at = request.find("Range: bytes=");
                const size_t end = request.find("\r\n", at);
                const std::string range = request.substr(at + 13, end - at - 13);
                ranges.push_back(range);
                const qint64 first = std::stoll(range.substr(0, range.find('-')));
                const qint64 last = std::stoll(range.substr(range.find('-') + 1));
                const std::string head = "HTTP/1.1 206 Partial Content\r\nContent-Length: "
                    + std::to_string(last - first + 1) + "\r\nContent-Range: bytes " + range + "/1000000\r\n\r\n";
                (void)::write(connection, head.data(), head.size());
                const qint64 send = call == 1 ? 300000 : last - first + 1;
                for (qint64 sent = 0; sent < send;) {
                    const ssize_t n = ::write(connection, object.constData() + first + sent, size_t(send - sent));
                    if (n <= 0)
                        break;
                    sent += n;
                }
                ::close(connection);
            }
        });
        auto client = clientFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(ntohs(address.sin_port))));
        QByteArray buffer(900000, Qt::Uninitialized);
        auto read = client->readRange(QStringLiteral("key"), 50000, buffer.size(), buffer.data());
        server.join();
        ::close(listener);
        SREG_VERIFY_OK(read);
        QCOMPARE(*read, qint64(buffer.size()));
        QCOMPARE(ranges.size(), size_t(2));
        QCOMPARE(ranges.at(0), std::string("50000-949999"));
        QCOMPARE(ranges.at(1), std::string("350000-949999")); // only what was still missing
        QVERIFY(buffer == object.mid(50000, buffer.size()));
    }

    void tlsCertificatesAreChecked()
    {
        QTemporaryDir dir;
        Result<http::SelfSignedCertificate::Files> files
            = http::SelfSignedCertificate::ensure(dir.filePath(QStringLiteral("tls")), { QStringLiteral("localhost") });
        SREG_VERIFY_OK(files);
        httplib::SSLServer server(files->certificate.toStdString().c_str(), files->key.toStdString().c_str());
        server.Get("/bucket", [](const httplib::Request&, httplib::Response& response) {
            response.set_content("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
                                 "application/xml");
        });
        const int port = server.bind_to_any_port("127.0.0.1");
        std::thread thread([&] { server.listen_after_bind(); });
        while (!server.is_running())
            std::this_thread::yield();
        const auto check = [&](bool verify, const QString& caFile) {
            S3Client::Options options;
            options.endpoint = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
            options.bucket = QStringLiteral("bucket");
            options.credentials = S3Credentials { QStringLiteral("AKIDTEST"), Secret, {} };
            options.verifyTls = verify;
            options.caFile = caFile;
            options.retry.baseDelay = std::chrono::milliseconds(1);
            return (*S3Client::create(options))->checkBucket();
        };
        Status untrusted = check(true, QString());
        SREG_VERIFY_ERROR(untrusted, ErrorCode::Unavailable);
        QVERIFY2(untrusted.error().message().contains(QStringLiteral("not trusted")),
                 qPrintable(untrusted.error().message()));
        SREG_VERIFY_OK(check(true, files->certificate)); // the operator's CA file
        SREG_VERIFY_OK(check(false, QString())); // a test server, knowingly
        server.stop();
        thread.join();
    }

    void presignedUrlsFollowTheAddressing()
    {
        S3Client::Options options;
        options.endpoint = QUrl(QStringLiteral("https://s3.eu-west-1.amazonaws.com"));
        options.region = QStringLiteral("eu-west-1");
        options.bucket = QStringLiteral("lab");
        options.credentials = S3Credentials { QStringLiteral("AKIDTEST"), Secret, {} };
        options.addressing = S3Client::Addressing::VirtualHosted;
        auto virtualHosted = S3Client::create(options);
        SREG_VERIFY_OK(virtualHosted);
        const QString url = (*virtualHosted)->presignGet(QStringLiteral("blobs/a b"), 300).toString(QUrl::FullyEncoded);
        QVERIFY2(url.startsWith(QStringLiteral("https://lab.s3.eu-west-1.amazonaws.com/blobs/a%20b?X-Amz-Algorithm=")),
                 qPrintable(url));
        QVERIFY(url.contains(QStringLiteral("X-Amz-Expires=300")));
        QVERIFY(!url.contains(QString::fromLatin1(Secret)));
        options.addressing = S3Client::Addressing::Path;
        options.endpoint = QUrl(QStringLiteral("http://minio.local:9000"));
        auto path = S3Client::create(options);
        SREG_VERIFY_OK(path);
        QVERIFY((*path)
                    ->presignGet(QStringLiteral("k"), 60)
                    .toString()
                    .startsWith(QStringLiteral("http://minio.local:9000/lab/k?")));
    }

    void keystoneSignInUsesTheCatalog()
    {
        FakeServer fake;
        std::atomic<int> signIns = 0;
        QJsonObject lastBody;
        qint64 lifetimeMs = 3600 * 1000;
        fake.server().Post("/v3/auth/tokens", [&](const httplib::Request& request, httplib::Response& response) {
            const int n = ++signIns;
            lastBody = QJsonDocument::fromJson(QByteArray::fromStdString(request.body)).object();
            if (lastBody.value(QStringLiteral("auth"))
                    .toObject()
                    .value(QStringLiteral("identity"))
                    .toObject()
                    .value(QStringLiteral("password"))
                    .toObject()
                    .value(QStringLiteral("user"))
                    .toObject()
                    .value(QStringLiteral("password"))
                    .toString()
                == u"wrong") {
                response.status = 401;
                response.set_content("{\"error\":{\"message\":\"The request you have made requires authentication.\"}}",
                                     "application/json");
                return;
            }
            const QString expires = QDateTime::currentDateTimeUtc().addMSecs(lifetimeMs).toString(Qt::ISODateWithMs);
            const QJsonArray endpoints {
                QJsonObject { { QStringLiteral("interface"), QStringLiteral("internal") },
                              { QStringLiteral("region_id"), QStringLiteral("Two") },
                              { QStringLiteral("url"), QStringLiteral("http://internal/v1/AUTH_p") } },
                QJsonObject { { QStringLiteral("interface"), QStringLiteral("public") },
                              { QStringLiteral("region_id"), QStringLiteral("One") },
                              { QStringLiteral("url"), QStringLiteral("http://one/v1/AUTH_p") } },
                QJsonObject { { QStringLiteral("interface"), QStringLiteral("public") },
                              { QStringLiteral("region_id"), QStringLiteral("Two") },
                              { QStringLiteral("url"), QStringLiteral("http://two/v1/AUTH_p") } },
            };
            const QJsonObject token { { QStringLiteral("expires_at"), expires },
                                      { QStringLiteral("catalog"),
                                        QJsonArray {
                                            QJsonObject { { QStringLiteral("type"), QStringLiteral("identity") } },
                                            QJsonObject { { QStringLiteral("type"), QStringLiteral("object-store") },
                                                          { QStringLiteral("endpoints"), endpoints } } } } };
            response.status = 201;
            response.set_header("X-Subject-Token", "token-" + std::to_string(n));
            response.set_content(
                QJsonDocument(QJsonObject { { QStringLiteral("token"), token } }).toJson().toStdString(),
                "application/json");
        });
        SwiftAuth::Options options;
        options.method = SwiftAuth::Method::KeystonePassword;
        options.authUrl = QUrl(fake.url().toString() + QStringLiteral("/v3/"));
        options.user = QStringLiteral("registry");
        options.project = QStringLiteral("lab");
        options.secret = "pa55word";
        options.region = QStringLiteral("Two");
        options.retry.baseDelay = std::chrono::milliseconds(1);
        SwiftAuth auth(options);
        auto session = auth.session();
        SREG_VERIFY_OK(session);
        QCOMPARE(session->storageUrl, QUrl(QStringLiteral("http://two/v1/AUTH_p")));
        QCOMPARE(session->token, QByteArray("token-1"));
        const QJsonObject auth0 = lastBody.value(QStringLiteral("auth")).toObject();
        QCOMPARE(auth0.value(QStringLiteral("scope"))
                     .toObject()
                     .value(QStringLiteral("project"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("lab"));
        SREG_VERIFY_OK(auth.session());
        QCOMPARE(signIns.load(), 1); // reused while valid
        auth.invalidate("token-1"); // Swift answered 401
        session = auth.session();
        SREG_VERIFY_OK(session);
        QCOMPARE(session->token, QByteArray("token-2"));
        // A token about to expire is renewed before use.
        lifetimeMs = 60 * 1000;
        auth.invalidate("token-2");
        SREG_VERIFY_OK(auth.session());
        SREG_VERIFY_OK(auth.session());
        QCOMPARE(signIns.load(), 4);

        options.secret = "wrong";
        SwiftAuth refused(options);
        auto failed = refused.session();
        SREG_VERIFY_ERROR(failed, ErrorCode::Unavailable);
        QVERIFY2(failed.error().message().contains(QStringLiteral("sign-in refused (HTTP 401)")),
                 qPrintable(failed.error().message()));
        QVERIFY(!failed.error().message().contains(QStringLiteral("wrong")));

        options.secret = "app-secret";
        options.method = SwiftAuth::Method::KeystoneApplicationCredential;
        options.applicationCredentialId = QStringLiteral("app-id");
        options.region.clear();
        SwiftAuth application(options);
        session = application.session();
        SREG_VERIFY_OK(session);
        QCOMPARE(session->storageUrl, QUrl(QStringLiteral("http://one/v1/AUTH_p"))); // the first public one
        const QJsonObject identity
            = lastBody.value(QStringLiteral("auth")).toObject().value(QStringLiteral("identity")).toObject();
        QCOMPARE(
            identity.value(QStringLiteral("application_credential")).toObject().value(QStringLiteral("id")).toString(),
            QStringLiteral("app-id"));
    }
};

QTEST_GUILESS_MAIN(S3ClientRetryTest)
#include "S3ClientRetryTest.moc"
