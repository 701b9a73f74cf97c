#pragma once

#include "ServeSettings.h"

#include <QObject>
#include <memory>
#include <thread>

namespace sreg {

class Registry;

// Serves the embedded registry over HTTP(S) from inside the app. The server (http::HttpServer) binds and runs
// on its own thread; everything here returns at once and reports through signals, so the GUI never waits
// on a socket or on making a certificate. One controller per registry: forRegistry() finds it, so serving
// goes on while the administration window is closed.
class ServeController final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Starting,
        Running,
        Stopping,
    };
    Q_ENUM(State)

    ServeController(std::shared_ptr<Registry> registry, QObject* parent = nullptr);
    ~ServeController() override; // stops serving and waits for the server thread (at most about a second)

    // The controller kept as a child of owner (normally the RegistrySource), made on first use.
    static ServeController* forRegistry(QObject* owner, const std::shared_ptr<Registry>& registry);

    State state() const { return m_state; }
    bool isServing() const { return m_state == State::Running; }
    ServeSettings settings() const { return m_settings; }
    QString url() const { return m_url; } // "https://127.0.0.1:5000" while running
    int port() const { return m_port; }
    QString fingerprint() const { return m_fingerprint; } // SHA-256 of the certificate, "AB:CD:…"; TLS only
    QString certificatePath() const { return m_certificatePath; }
    QString lastError() const { return m_lastError; }
    QString dataDir() const;

public Q_SLOTS:
    // Returns false (and reports why through failed) when the settings are unusable or a server runs already.
    bool start(const sreg::ServeSettings& settings);
    void stop();

Q_SIGNALS:
    void stateChanged(sreg::ServeController::State state);
    void started(const QString& url);
    void stopped();
    void failed(const QString& message);
    // The remembered settings of this registry arrived (shortly after construction).
    void settingsChanged();

private:
    struct Shared;
    struct Started
    {
        QString url;
        int port = 0;
        QString fingerprint;
        QString certificate;
    };

    void setState(State state);
    void onStarted(const Started& info);
    void onFinished(const QString& error);
    void joinThread();

    std::shared_ptr<Registry> m_registry;
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    State m_state = State::Stopped;
    ServeSettings m_settings;
    QString m_url;
    int m_port = 0;
    QString m_fingerprint;
    QString m_certificatePath;
    QString m_lastError;
};

} // namespace sreg
