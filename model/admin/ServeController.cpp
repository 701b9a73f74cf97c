#include "ServeController.h"

#include "http/AccessLog.h"
#include "http/HttpServer.h"
#include "http/SelfSignedCertificate.h"
#include "registry/Registry.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QHostInfo>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSaveFile>
#include <QtConcurrent>
#include <functional>
#include <mutex>

namespace sreg {

// What the GUI thread and the server thread share. The server thread outlives no one: the controller joins it,
// but it must not call into a controller that is being destroyed, hence owner under the mutex.
struct ServeController::Shared
{
    std::mutex mutex;
    ServeController* owner = nullptr;
    http::HttpServer* server = nullptr; // set while it runs
    bool stopRequested = false;

    // Runs f on the owner's thread later, unless the owner is gone by then (Qt drops events queued for a
    // destroyed object). Call with the mutex held.
    void postLocked(std::function<void(ServeController*)> f)
    {
        if (ServeController* target = owner)
            QMetaObject::invokeMethod(
                target, [target, f = std::move(f)] { f(target); }, Qt::QueuedConnection);
    }
    void post(std::function<void(ServeController*)> f)
    {
        std::lock_guard lock(mutex);
        postLocked(std::move(f));
    }
};

namespace {

// Written by the server thread once the settings have proved themselves (the server is bound).
void rememberSettings(const QString& dataDir, const ServeSettings& settings)
{
    QSaveFile file(QDir(dataDir).filePath(ServeSettings::fileName()));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(settings.toJson()).toJson());
        file.commit();
    }
}

http::ServerConfig configFor(const ServeSettings& settings)
{
    http::ServerConfig config;
    config.host = settings.host;
    config.port = settings.port;
    config.publicUrl = settings.publicUrl;
    if (settings.tls == ServeSettings::Tls::Files) {
        config.tlsCertificate = settings.certificate;
        config.tlsKey = settings.key;
    }
    return config;
}

} // namespace

ServeController::ServeController(std::shared_ptr<Registry> registry, QObject* parent)
    : QObject(parent), m_registry(std::move(registry))
{
    // Last time's choices for the Serve page, read off the GUI thread; they arrive a moment later.
    auto* watcher = new QFutureWatcher<std::optional<ServeSettings>>(this);
    connect(watcher, &QFutureWatcher<std::optional<ServeSettings>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const std::optional<ServeSettings> remembered = watcher->result();
        if (remembered && m_state == State::Stopped) {
            m_settings = *remembered;
            Q_EMIT settingsChanged();
        }
    });
    watcher->setFuture(QtConcurrent::run([path = QDir(dataDir()).filePath(ServeSettings::fileName())] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::optional<ServeSettings>();
        return std::optional<ServeSettings>(
            ServeSettings::fromJson(QJsonDocument::fromJson(file.read(64 * 1024)).object()));
    }));
}

ServeController::~ServeController()
{
    if (m_shared) {
        std::lock_guard lock(m_shared->mutex);
        m_shared->owner = nullptr;
        m_shared->stopRequested = true;
        if (m_shared->server)
            m_shared->server->stop();
    }
    joinThread();
}

ServeController* ServeController::forRegistry(QObject* owner, const std::shared_ptr<Registry>& registry)
{
    auto* controller = owner->findChild<ServeController*>(QString(), Qt::FindDirectChildrenOnly);
    if (!controller)
        controller = new ServeController(registry, owner);
    return controller;
}

QString ServeController::dataDir() const
{
    return m_registry ? m_registry->options().dataDir : QString();
}

bool ServeController::start(const ServeSettings& settings)
{
    if (m_state != State::Stopped) {
        Q_EMIT failed(tr("The registry is already being served"));
        return false;
    }
    if (const QString problem = settings.problem(); !problem.isEmpty()) {
        m_lastError = problem;
        Q_EMIT failed(problem);
        return false;
    }
    joinThread();
    m_settings = settings;
    m_lastError.clear();
    m_shared = std::make_shared<Shared>();
    m_shared->owner = this;
    setState(State::Starting);

    const QString dataDir = this->dataDir();
    m_thread = std::thread([shared = m_shared, registry = m_registry, settings, dataDir] {
        auto finish = [&shared](const QString& error) {
            shared->post([error](ServeController* owner) { owner->onFinished(error); });
        };
        http::ServerConfig config = configFor(settings);
        Started started;
        if (settings.tls == ServeSettings::Tls::SelfSigned) {
            QStringList names { settings.host, QHostInfo::localHostName() };
            Result<http::SelfSignedCertificate::Files> files
                = http::SelfSignedCertificate::ensure(QDir(dataDir).filePath(QStringLiteral("tls")), names);
            if (!files)
                return finish(tr("Could not make the self-signed certificate: %1").arg(files.error().message()));
            config.tlsCertificate = files->certificate;
            config.tlsKey = files->key;
            started.fingerprint = files->fingerprint;
        } else if (settings.tls == ServeSettings::Tls::Files) {
            Result<QString> fingerprint = http::SelfSignedCertificate::fingerprintOf(settings.certificate);
            if (fingerprint)
                started.fingerprint = fingerprint.value();
        }
        started.certificate = config.tlsCertificate;

        Result<std::unique_ptr<http::AccessLog>> accessLog
            = http::AccessLog::open(QDir(dataDir).filePath(QStringLiteral("access.log")));
        if (!accessLog)
            return finish(tr("Could not open the access log: %1").arg(accessLog.error().message()));

        QString error;
        {
            http::HttpServer server(*registry, config, std::move(accessLog.value()));
            Status bound = server.bind();
            bool serving = false;
            if (!bound) {
                error = bound.error().message();
            } else {
                // Before the server is published: HttpServer::stop() waits for run() to begin, so nothing slow
                // may sit between the two.
                rememberSettings(dataDir, settings);
                std::lock_guard lock(shared->mutex);
                // A stop asked for while binding wins: the server never runs.
                serving = !shared->stopRequested;
                if (serving) {
                    shared->server = &server;
                    started.url = server.url();
                    started.port = server.port();
                    shared->postLocked([started](ServeController* owner) { owner->onStarted(started); });
                }
            }
            if (serving) {
                Status served = server.run();
                std::lock_guard lock(shared->mutex);
                shared->server = nullptr;
                if (!served)
                    error = served.error().message();
            }
        }
        // Posted after the server is destroyed, so the GUI thread's join on "stopped" is immediate.
        finish(error);
    });
    return true;
}

void ServeController::stop()
{
    if (m_state != State::Starting && m_state != State::Running)
        return;
    setState(State::Stopping);
    std::lock_guard lock(m_shared->mutex);
    m_shared->stopRequested = true;
    if (m_shared->server)
        m_shared->server->stop();
}

void ServeController::onStarted(const Started& info)
{
    m_url = info.url;
    m_port = info.port;
    m_fingerprint = info.fingerprint;
    m_certificatePath = info.certificate;
    // A stop asked for while binding wins; the server thread is already on its way out.
    if (m_state == State::Starting) {
        setState(State::Running);
        Q_EMIT started(m_url);
    }
}

void ServeController::onFinished(const QString& error)
{
    joinThread();
    m_shared.reset();
    m_url.clear();
    m_port = 0;
    m_lastError = error;
    setState(State::Stopped);
    if (!error.isEmpty())
        Q_EMIT failed(error);
    Q_EMIT stopped();
}

void ServeController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServeController::joinThread()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace sreg
