#pragma once

#include "HttplibFwd.h"
#include "ServerConfig.h"
#include "common/Result.h"

#include <QString>
#include <memory>

namespace sreg {
class Registry;
}

namespace sreg::http {

class AccessLog;
class AdminApi;
class LibraryApi;
class LibraryImagesApi;
class LibraryMultipartApi;
class LibraryTagsApi;
class LibraryUploadApi;
class NativeApi;
class NativeUploadApi;
class ServerContext;

// The HTTP(S) front of the engine, on cpp-httplib (DESIGN §3): lifecycle, TLS, the worker pool, request limits
// and the access log; the two APIs register their routes on it.
//
//   HttpServer server(registry, config);
//   server.bind();          // port() is now the real port (config.port 0 = ephemeral)
//   server.run();           // until stop() (from another thread); in-flight uploads are cancelled cleanly
class HttpServer final
{
public:
    HttpServer(Registry& registry, ServerConfig config, std::unique_ptr<AccessLog> accessLog);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    Status bind();
    int port() const { return m_port; }
    QString url() const; // "http://127.0.0.1:5000"
    bool tls() const { return !m_config.tlsCertificate.isEmpty(); }

    // Serves until stop(). Returns once every connection has been handled: uploads in progress notice the stop
    // and abort their PushSession (nothing is left behind); idle connections close within a second.
    Status run();
    // Safe from any thread.
    void stop();

    static bool isLoopback(const QString& host);

private:
    void installHandlers();

    ServerConfig m_config;
    std::unique_ptr<AccessLog> m_accessLog;
    std::unique_ptr<httplib::Server> m_server;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<LibraryApi> m_library;
    std::unique_ptr<LibraryImagesApi> m_libraryImages;
    std::unique_ptr<LibraryTagsApi> m_libraryTags;
    std::unique_ptr<LibraryMultipartApi> m_libraryMultipart;
    std::unique_ptr<LibraryUploadApi> m_libraryUpload;
    std::unique_ptr<NativeApi> m_native;
    std::unique_ptr<NativeUploadApi> m_nativeUpload;
    std::unique_ptr<AdminApi> m_admin; // /admin/v1: the remote desktop app's management API
    int m_port = 0;
    std::atomic<bool> m_runEnded { false };
};

} // namespace sreg::http
