#pragma once

#include "ServerProcess.h"
#include "remote/RemoteConnection.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace sreg::remote {
class RemoteRegistry;
}

namespace sreg::test {

// A registry served by the built sregistry-server for the remote tests: a data folder, an admin user "alice"
// with an admin token, images pushed through the CLI. The server keeps its port across restart(), so that a
// client in the middle of a transfer finds it again.
class RemoteTestServer final
{
public:
    explicit RemoteTestServer(const QString& dir);
    ~RemoteTestServer();

    QString dataDir() const;
    QString adminToken() const { return m_adminToken; }
    // Writes a unique SIF of about size bytes and pushes it to ref through the CLI; returns its digest.
    QString push(const QString& ref, qint64 size, quint64 seed);
    QString file(const QString& name) const; // a path in the fixture's folder
    bool start(const QStringList& extraArgs = {});
    bool isRunning() const;
    void kill(); // SIGKILL: no clean shutdown
    bool restart(const QStringList& extraArgs = {}); // same port
    void stop();
    ServerProcess& process() { return *m_process; }
    QString url() const;
    remote::RemoteConnection connection(const QString& token = {}, const QString& fingerprint = {}) const;
    std::shared_ptr<remote::RemoteRegistry> connect(const QString& token, const QString& fingerprint = {}) const;
    // The certificate fingerprint the server printed (with --tls-self-signed).
    QString fingerprint() const;
    // A file holding token with mode 0600.
    QString tokenFile(const QString& token, const QString& name = QStringLiteral("token"));

private:
    QString m_dir;
    std::unique_ptr<ServerProcess> m_process;
    QString m_adminToken;
    int m_port = 0;
    QString m_scheme = QStringLiteral("http");
};

} // namespace sreg::test
