#include "ServeCommand.h"

#include "CliArguments.h"
#include "http/AccessLog.h"
#include "http/ClientAddress.h"
#include "http/HttpServer.h"
#include "http/SelfSignedCertificate.h"
#include "registry/Registry.h"

#include <QDir>
#include <QHostInfo>
#include <QUrl>
#include <atomic>
#include <csignal>
#include <optional>
#include <pthread.h>
#include <thread>

namespace sreg {

namespace {

// "127.0.0.1:5000", "[::1]:5000", "0.0.0.0:0", ":8080" (loopback).
std::optional<std::pair<QString, int>> parseListen(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const int port = text.mid(colon + 1).toInt(&ok);
    if (!ok || port < 0 || port > 65535)
        return std::nullopt;
    return std::make_pair(host, port);
}

// "1073741824", "10G", "512M", "64K" (powers of 1024).
std::optional<qint64> parseSize(QString text)
{
    text = text.trimmed().toUpper();
    if (text.endsWith(u'B') && text.size() > 1 && !text.at(text.size() - 2).isDigit())
        text.chop(1);
    if (text.endsWith(u'I'))
        text.chop(1);
    int shift = 0;
    if (text.endsWith(u'K'))
        shift = 10;
    else if (text.endsWith(u'M'))
        shift = 20;
    else if (text.endsWith(u'G'))
        shift = 30;
    else if (text.endsWith(u'T'))
        shift = 40;
    if (shift)
        text.chop(1);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0 || value > (std::numeric_limits<qint64>::max() >> shift))
        return std::nullopt;
    return value << shift;
}

std::optional<int> parseCount(const QString& text, int minimum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum)
        return std::nullopt;
    return value;
}

// SIGINT and SIGTERM are blocked in every thread and collected by one watcher with sigtimedwait, which calls
// HttpServer::stop() from ordinary code (nothing async-signal-unsafe runs in a handler).
class SignalWatcher final
{
public:
    SignalWatcher()
    {
        sigemptyset(&m_signals);
        sigaddset(&m_signals, SIGINT);
        sigaddset(&m_signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_signals, &m_previous);
    }
    ~SignalWatcher()
    {
        m_done = true;
        if (m_thread.joinable())
            m_thread.join();
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    void start(http::HttpServer& server, QTextStream& err)
    {
        m_thread = std::thread([this, &server, &err] {
            const timespec tick { 0, 200 * 1000 * 1000 };
            while (!m_done) {
                const int signal = sigtimedwait(&m_signals, nullptr, &tick);
                if (signal == SIGINT || signal == SIGTERM) {
                    err << "sregistry-server: " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
                        << " received, stopping (uploads in progress are discarded)" << Qt::endl;
                    server.stop();
                    return;
                }
            }
        });
    }

private:
    sigset_t m_signals;
    sigset_t m_previous;
    std::atomic<bool> m_done { false };
    std::thread m_thread;
};

} // namespace

int ServeCommand::run(CliContext& context, const QStringList& args)
{
    // Before anything starts a thread (the registry may), so that every thread inherits the blocked signals.
    SignalWatcher signalWatcher;

    CliArguments arguments(synopsis());
    QCommandLineParser& parser = arguments.parser();
    parser.addOption({ QStringLiteral("listen"),
                       QStringLiteral("Address and port (default 127.0.0.1:5000; port 0 picks a free one)."),
                       QStringLiteral("ADDR:PORT") });
    parser.addOption({ QStringLiteral("public-url"),
                       QStringLiteral("The URL clients reach this server at (behind a proxy)."),
                       QStringLiteral("URL") });
    parser.addOption(
        { QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (with --tls-key)."), QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("tls-key"), QStringLiteral("PEM private key (with --tls-cert)."), QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("tls-self-signed"),
                       QStringLiteral("Use (and make once) a self-signed certificate kept in the data folder.") });
    parser.addOption({ QStringLiteral("insecure"), QStringLiteral("Allow plain HTTP on a non-loopback address.") });
    parser.addOption({ QStringLiteral("max-upload-size"),
                       QStringLiteral("Largest image accepted, in bytes (K, M, G, T suffixes; default 64G)."),
                       QStringLiteral("BYTES") });
    parser.addOption({ QStringLiteral("default-private"),
                       QStringLiteral("Collections created over HTTP are private unless the client asks otherwise.") });
    parser.addOption(
        { QStringLiteral("threads"), QStringLiteral("Connections served at once (default 64)."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("read-timeout"),
                       QStringLiteral("Seconds a client may stay silent mid-request (default 30)."),
                       QStringLiteral("S") });
    parser.addOption(
        { QStringLiteral("auth-failure-limit"),
          QStringLiteral("Failed authentications per address per window before 429 (default 20; 0 = no limit)."),
          QStringLiteral("N") });
    parser.addOption({ QStringLiteral("auth-failure-window"),
                       QStringLiteral("The window of --auth-failure-limit, in seconds (default 60)."),
                       QStringLiteral("S") });
    parser.addOption({ QStringLiteral("access-log"), QStringLiteral("Append the access log to FILE instead of stderr."),
                       QStringLiteral("FILE") });
    parser.addOption({ QStringLiteral("trusted-proxy"),
                       QStringLiteral("A reverse proxy's address (repeatable): for its connections the client is the one "
                                      "X-Forwarded-For names, for the failed-authentication limit and the access log."),
                       QStringLiteral("ADDR") });
    if (!arguments.parse(context, args, 0, 0))
        return arguments.usageStatus();

    http::ServerConfig config;
    if (arguments.isSet(QStringLiteral("listen"))) {
        const auto listen = parseListen(arguments.value(QStringLiteral("listen")));
        if (!listen)
            return context.usage(QStringLiteral("--listen takes ADDR:PORT, e.g. 127.0.0.1:5000"));
        config.host = listen->first;
        config.port = listen->second;
    }
    if (arguments.isSet(QStringLiteral("public-url"))) {
        const QUrl url(arguments.value(QStringLiteral("public-url")), QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
            || url.hasQuery() || url.hasFragment())
            return context.usage(QStringLiteral("--public-url takes an http(s)://host[:port][/path] URL"));
        config.publicUrl = url.toString(QUrl::StripTrailingSlash);
    }
    const bool selfSigned = arguments.isSet(QStringLiteral("tls-self-signed"));
    config.tlsCertificate = arguments.value(QStringLiteral("tls-cert"));
    config.tlsKey = arguments.value(QStringLiteral("tls-key"));
    if (config.tlsCertificate.isEmpty() != config.tlsKey.isEmpty())
        return context.usage(QStringLiteral("--tls-cert and --tls-key go together"));
    if (selfSigned && !config.tlsCertificate.isEmpty())
        return context.usage(QStringLiteral("--tls-self-signed replaces --tls-cert/--tls-key: give one or the other"));
    const bool tls = selfSigned || !config.tlsCertificate.isEmpty();
    if (!tls && !http::HttpServer::isLoopback(config.host) && !arguments.isSet(QStringLiteral("insecure")))
        return context.usage(QStringLiteral("refusing to serve plain HTTP on %1, which is not a loopback address: "
                                            "tokens would cross the network in clear text. Use --tls-cert/--tls-key "
                                            "or --tls-self-signed, or --insecure if you really mean it")
                                 .arg(config.host));
    if (arguments.isSet(QStringLiteral("max-upload-size"))) {
        const auto size = parseSize(arguments.value(QStringLiteral("max-upload-size")));
        if (!size)
            return context.usage(
                QStringLiteral("--max-upload-size takes a positive number of bytes (K, M, G, T suffixes)"));
        config.maxUploadBytes = *size;
    }
    config.defaultPrivate = arguments.isSet(QStringLiteral("default-private"));
    for (const QString& proxy : arguments.values(QStringLiteral("trusted-proxy"))) {
        if (!http::ClientAddress::isValidAddress(proxy))
            return context.usage(QStringLiteral("--trusted-proxy takes an IP address, not '%1'").arg(proxy));
        config.trustedProxies.append(proxy);
    }
    const struct
    {
        const char* option;
        int minimum;
        std::function<void(int)> apply;
    } counts[] = {
        { "threads", 2,
          [&](int n) {
              config.threads = n;
          } },
        { "read-timeout", 1,
          [&](int n) {
              config.readTimeout = std::chrono::seconds(n);
          } },
        { "auth-failure-limit", 0,
          [&](int n) {
              config.authFailureLimit = n;
          } },
        { "auth-failure-window", 1,
          [&](int n) {
              config.authFailureWindow = std::chrono::seconds(n);
          } },
    };
    for (const auto& count : counts) {
        const QString option = QString::fromLatin1(count.option);
        if (!arguments.isSet(option))
            continue;
        const auto value = parseCount(arguments.value(option), count.minimum);
        if (!value)
            return context.usage(
                QStringLiteral("--%1 takes a whole number of at least %2").arg(option).arg(count.minimum));
        count.apply(*value);
    }

    Result<std::shared_ptr<Registry>> registry = context.openRegistry();
    if (!registry)
        return context.fail(registry.error());

    if (selfSigned) {
        Result<http::SelfSignedCertificate::Files> files
            = http::SelfSignedCertificate::ensure(QDir((*registry)->options().dataDir).filePath(QStringLiteral("tls")),
                                                  { config.host, QHostInfo::localHostName() });
        if (!files)
            return context.fail(files.error());
        config.tlsCertificate = files->certificate;
        config.tlsKey = files->key;
        context.out << (files->created ? "created" : "using") << " self-signed certificate " << files->certificate
                    << "\nSHA-256 fingerprint " << files->fingerprint << Qt::endl;
    }

    Result<std::unique_ptr<http::AccessLog>> accessLog
        = http::AccessLog::open(arguments.value(QStringLiteral("access-log")));
    if (!accessLog)
        return context.fail(accessLog.error());

    http::HttpServer server(**registry, config, std::move(*accessLog));
    if (Status bound = server.bind(); !bound)
        return context.fail(bound.error());
    signalWatcher.start(server, context.err);
    // Integration tests and scripts wait for this line; with --listen HOST:0 it carries the port chosen.
    context.out << "listening on " << server.url() << Qt::endl;
    if (Status served = server.run(); !served)
        return context.fail(served.error());
    context.err << "sregistry-server: stopped" << Qt::endl;
    return ExitOk;
}

} // namespace sreg
