#include "HttpServer.h"

#include "AccessLog.h"
#include "AdminApi.h"
#include "ErrorReplies.h"
#include "LibraryApi.h"
#include "LibraryImagesApi.h"
#include "LibraryMultipartApi.h"
#include "LibraryTagsApi.h"
#include "LibraryUploadApi.h"
#include "NativeApi.h"
#include "NativeUploadApi.h"
#include "RequestState.h"
#include "ServerContext.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <httplib.h>
#include <thread>

namespace sreg::http {

namespace {

constexpr qint64 StaleUploadSessionMs = qint64(7) * 24 * 3600 * 1000;

bool isNativePath(const std::string& path)
{
    return path.rfind("/api/", 0) == 0 || path.rfind("/upload", 0) == 0;
}

QString reasonFor(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("bad request");
    case 404:
        return QStringLiteral("no such endpoint");
    case 405:
        return QStringLiteral("method not allowed");
    case 413:
        return QStringLiteral("the request body is too large");
    case 414:
        return QStringLiteral("the request URI is too long");
    case 416:
        return QStringLiteral("the Range header is malformed");
    case 431:
        return QStringLiteral("the request headers are too large");
    default:
        return QStringLiteral("HTTP error %1").arg(status);
    }
}

} // namespace

HttpServer::HttpServer(Registry& registry, ServerConfig config, std::unique_ptr<AccessLog> accessLog)
    : m_config(std::move(config)), m_accessLog(std::move(accessLog))
{
    if (tls())
        m_server = std::make_unique<httplib::SSLServer>(m_config.tlsCertificate.toLocal8Bit().constData(),
                                                        m_config.tlsKey.toLocal8Bit().constData());
    else
        m_server = std::make_unique<httplib::Server>();
    m_context = std::make_unique<ServerContext>(registry, m_config, tls());
    m_library = std::make_unique<LibraryApi>(*m_context);
    m_libraryImages = std::make_unique<LibraryImagesApi>(*m_context);
    m_libraryTags = std::make_unique<LibraryTagsApi>(*m_context);
    m_libraryMultipart = std::make_unique<LibraryMultipartApi>(*m_context);
    m_libraryUpload = std::make_unique<LibraryUploadApi>(*m_context, *m_libraryMultipart);
    m_native = std::make_unique<NativeApi>(*m_context);
    m_nativeUpload = std::make_unique<NativeUploadApi>(*m_context);
    m_admin = std::make_unique<AdminApi>(*m_context);
    installHandlers();
}

HttpServer::~HttpServer() = default;

bool HttpServer::isLoopback(const QString& host)
{
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString HttpServer::url() const
{
    QString host = m_config.host;
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return (tls() ? QStringLiteral("https://") : QStringLiteral("http://")) + host + u':' + QString::number(m_port);
}

void HttpServer::installHandlers()
{
    httplib::Server& server = *m_server;
    const int threads = std::max(2, m_config.threads);
    server.new_task_queue = [threads] {
        return new httplib::ThreadPool(size_t(threads));
    };
    server.set_read_timeout(std::chrono::seconds(std::max<qint64>(1, m_config.readTimeout.count())));
    server.set_write_timeout(std::chrono::seconds(std::max<qint64>(1, m_config.writeTimeout.count())));
    server.set_keep_alive_timeout(5);
    server.set_keep_alive_max_count(100);
    // cpp-httplib writes headers and body separately; with Nagle on, the body waits for the client's delayed ACK
    // (~40 ms per request, measured), which made a push of ten small requests take half a second.
    server.set_tcp_nodelay(true);
    // The backstop for any body; each handler reads its own, tighter bound (JSON, one image, one part).
    server.set_payload_max_length(size_t(m_config.maxUploadBytes) + (1 << 20));
    server.set_default_headers({ { "Server", "sregistry-server/" SREG_VERSION } });

    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        RequestState::begin(&req);
        // cpp-httplib would apply a Range header to whatever body a handler produces (slicing JSON replies too,
        // and trusting the range against the length). DownloadHandler reads the header itself, so the parsed
        // ranges go. The Request is not const where cpp-httplib owns it; only the handler signature is.
        auto& mutableRequest = const_cast<httplib::Request&>(req);
        mutableRequest.ranges.clear();
        // For multipart/form-data cpp-httplib's ContentReader only offers its own form parser; with the header
        // moved aside it hands over the raw body, which NativeUploadApi parses while streaming (MultipartFormParser).
        if (req.method == "POST" && (req.path == "/upload" || req.path == "/upload/")) {
            const auto found = mutableRequest.headers.find("Content-Type");
            if (found != mutableRequest.headers.end()) {
                const std::string value = found->second;
                mutableRequest.headers.erase(found);
                mutableRequest.headers.emplace("X-Sreg-Original-Content-Type", value);
            }
        }
        size_t headerBytes = 0;
        for (const auto& [key, value] : req.headers)
            headerBytes += key.size() + value.size() + 4;
        if (qint64(headerBytes) > m_config.maxHeaderBytes) {
            const QString message = QStringLiteral("the request headers exceed %1 bytes").arg(m_config.maxHeaderBytes);
            if (isNativePath(req.path))
                ErrorReplies::native(res, 431, message);
            else
                ErrorReplies::library(res, 431, message, QStringLiteral("too-large"));
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Replies cpp-httplib makes on its own (no route, unreadable request, too large) get a JSON body in the
    // API's shape; replies our handlers made already have one.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty() || res.content_provider_ || res.status == 416)
                return httplib::Server::HandlerResponse::Unhandled;
            QString message = reasonFor(res.status);
            if (res.status == 404 && !req.method.empty())
                message += QStringLiteral(": %1 %2").arg(QString::fromStdString(req.method),
                                                         AccessLog::redactPath(QString::fromStdString(req.path)));
            if (isNativePath(req.path))
                ErrorReplies::native(res, res.status, message);
            else
                ErrorReplies::library(res, res.status, message, QStringLiteral("http"));
            return httplib::Server::HandlerResponse::Handled;
        }));

    // curl and other clients ask before sending a large body (Expect: 100-continue). Refuse the hopeless ones
    // before they send it: an upload URL nobody issued, or a body larger than any we accept.
    server.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
        const qint64 length = QByteArray::fromStdString(req.get_header_value("Content-Length")).toLongLong();
        if (length > m_config.maxUploadBytes + (1 << 20)) {
            ErrorReplies::library(
                res, 413,
                QStringLiteral("the body is larger than the server accepts (%1 bytes)").arg(m_config.maxUploadBytes),
                QStringLiteral("too-large"));
            return 413;
        }
        const QString path = QString::fromStdString(req.path);
        if (req.method == "PUT" && path.startsWith(CapabilityUrls::PathPrefix)) {
            const QString token = path.mid(CapabilityUrls::PathPrefix.size());
            CapabilityUrls& urls = m_context->capabilities();
            if (!urls.find(token, CapabilityGrant::Purpose::Upload)
                && !urls.find(token, CapabilityGrant::Purpose::UploadPart)) {
                m_context->rateLimiter().recordFailure(m_context->clientAddress(req));
                ErrorReplies::library(res, 403, QStringLiteral("this upload URL is invalid or has expired"),
                                      QStringLiteral("permission-denied"));
                return 403;
            }
        }
        return 100;
    });

    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        ErrorReplies::library(res, 500, QStringLiteral("internal error"), QStringLiteral("internal"));
    });

    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        const RequestState::Snapshot state = RequestState::end(&req);
        // A "request" cpp-httplib could not even parse is, in practice, the rest of a refused upload's body that
        // the client sent anyway, read as lines until the connection closes: not worth a log line each.
        if (req.method.empty())
            return;
        AccessEntry entry;
        entry.client = QString::fromStdString(m_context->clientAddress(req));
        entry.method = QString::fromStdString(req.method);
        entry.path = AccessLog::redactPath(QString::fromStdString(req.path));
        entry.status = res.status;
        if (req.method != "HEAD")
            entry.bytes = res.body.empty()
                ? QByteArray::fromStdString(res.get_header_value("Content-Length")).toLongLong()
                : qint64(res.body.size());
        entry.elapsedMs = state.elapsedMs;
        entry.user = state.user;
        if (res.status >= 500 && !res.body.empty()) {
            const QJsonObject body = QJsonDocument::fromJson(QByteArray::fromStdString(res.body)).object();
            entry.problem = body.contains(QStringLiteral("detail"))
                ? body.value(QStringLiteral("detail")).toString()
                : body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        }
        m_accessLog->write(entry);
    });

    m_library->registerRoutes(server);
    m_libraryImages->registerRoutes(server);
    m_libraryTags->registerRoutes(server);
    m_libraryMultipart->registerRoutes(server);
    m_libraryUpload->registerRoutes(server);
    m_native->registerRoutes(server);
    m_nativeUpload->registerRoutes(server);
    m_admin->registerRoutes(server);
}

Status HttpServer::bind()
{
    if (!m_server->is_valid())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("cannot load the TLS certificate %1 and key %2")
                         .arg(m_config.tlsCertificate, m_config.tlsKey));
    const std::string host = m_config.host.toStdString();
    if (m_config.port == 0) {
        m_port = m_server->bind_to_any_port(host);
        if (m_port <= 0)
            return Error(ErrorCode::Unavailable, QStringLiteral("cannot listen on %1").arg(m_config.host));
    } else {
        if (!m_server->bind_to_port(host, m_config.port))
            return Error(ErrorCode::Unavailable,
                         QStringLiteral("cannot listen on %1:%2 (in use, or not an address of this machine)")
                             .arg(m_config.host)
                             .arg(m_config.port));
        m_port = m_config.port;
    }
    m_context->setListenPort(m_port);
    m_libraryMultipart->pruneStale(StaleUploadSessionMs);
    return {};
}

Status HttpServer::run()
{
    const auto ended = qScopeGuard([this] { m_runEnded = true; });
    if (m_port <= 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the server is not bound"));
    if (m_context->stopping())
        return {};
    if (!m_server->listen_after_bind() && !m_context->stopping())
        return Error(ErrorCode::Io, QStringLiteral("the server stopped unexpectedly"));
    return {};
}

void HttpServer::stop()
{
    m_context->setStopping();
    // cpp-httplib's stop() does nothing until its accept loop has started, so a signal arriving between bind()
    // and run() would be lost: wait for the loop to start (or for run() to have given up).
    while (!m_server->is_running() && !m_runEnded)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    m_server->stop();
}

} // namespace sreg::http
