#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace sreg::test {

// The built sregistry-server, run as the real thing: `sregistry-server --data DIR serve --listen 127.0.0.1:0 ...`
// in a child process, ready once it prints "listening on <url>", stopped with SIGTERM. Also runs the one-shot
// commands (user add, token create, freeze, ...) on the same data folder.
class ServerProcess final
{
public:
    struct CliResult
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    explicit ServerProcess(QString dataDir);
    ~ServerProcess();

    // Starts `serve --listen 127.0.0.1:0 <extraArgs>` and waits for the listening line. False (with the
    // server's stderr in lastError()) when it exits or does not get ready in time.
    bool start(const QStringList& extraArgs = {}, int timeoutMs = 30000);
    // SIGTERM, then waits for the exit; returns the exit code (-1 when it had to be killed).
    int stop(int timeoutMs = 60000);
    bool isRunning() const;

    int port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    QString baseUrl() const { return m_url; } // "http://127.0.0.1:PORT"
    qint64 pid() const;
    QString dataDir() const { return m_dataDir; }
    QByteArray standardOutput() const { return m_stdout; }
    // Everything the server wrote on stderr so far (the access log among it). Kept in a file, not a pipe, so a
    // test that makes many requests without an event loop never blocks the server on a full pipe.
    QByteArray standardError();
    QString lastError() const { return m_error; }
    // Peak resident memory of the running server (VmHWM from /proc), in bytes; -1 when unknown.
    qint64 peakRssBytes() const;

    static QString executable();
    // `sregistry-server --data dataDir args...`
    static CliResult cli(const QString& dataDir, const QStringList& args, int timeoutMs = 60000);
    CliResult cli(const QStringList& args) const { return cli(m_dataDir, args); }
    // Adds a user (admin or not) and returns a token's secret with the given scope ("" on failure).
    QString addUserWithToken(const QString& user, const QString& scope = QStringLiteral("push"), bool admin = false);
    QString createToken(const QString& user, const QString& name, const QString& scope, const QStringList& extra = {});

private:
    void drain();

    QString m_dataDir;
    QTemporaryDir m_logDir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdout;
    QString m_url;
    int m_port = 0;
    QString m_error;
};

} // namespace sreg::test
