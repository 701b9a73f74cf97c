#include "RemoteTestServer.h"

#include "SifBuilder.h"
#include "TestSupport.h"
#include "remote/RemoteRegistry.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <csignal>

namespace sreg::test {

RemoteTestServer::RemoteTestServer(const QString& dir)
    : m_dir(dir)
{
    QDir().mkpath(m_dir);
    m_process = std::make_unique<ServerProcess>(dataDir());
    m_adminToken = m_process->addUserWithToken(QStringLiteral("alice"), QStringLiteral("admin"), true);
}

RemoteTestServer::~RemoteTestServer()
{
    stop();
}

QString RemoteTestServer::dataDir() const
{
    return m_dir + QStringLiteral("/data");
}

QString RemoteTestServer::file(const QString& name) const
{
    return m_dir + u'/' + name;
}

QString RemoteTestServer::push(const QString& ref, qint64 size, quint64 seed)
{
    const QString path = file(QStringLiteral("push-%1.sif").arg(seed));
    if (!makeSif(path, size, seed))
        return {};
    const ServerProcess::CliResult pushed = m_process->cli({ QStringLiteral("push"), path, ref });
    QFile::remove(path);
    if (pushed.exitCode != 0)
        return {};
    return QString::fromUtf8(pushed.out).trimmed().section(u'\n', -1);
}

bool RemoteTestServer::start(const QStringList& extraArgs)
{
    QStringList args = extraArgs;
    if (m_port > 0)
        args << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:%1").arg(m_port);
    if (!m_process->start(args))
        return false;
    m_port = m_process->port();
    m_scheme = m_process->baseUrl().startsWith(QStringLiteral("https")) ? QStringLiteral("https") : QStringLiteral("http");
    return true;
}

bool RemoteTestServer::isRunning() const
{
    return m_process->isRunning();
}

void RemoteTestServer::kill()
{
    if (m_process->isRunning()) {
        ::kill(pid_t(m_process->pid()), SIGKILL);
        m_process->stop(10000);
    }
}

bool RemoteTestServer::restart(const QStringList& extraArgs)
{
    stop();
    return start(extraArgs);
}

void RemoteTestServer::stop()
{
    if (m_process->isRunning())
        m_process->stop();
}

QString RemoteTestServer::url() const
{
    return QStringLiteral("%1://127.0.0.1:%2").arg(m_scheme).arg(m_port);
}

remote::RemoteConnection RemoteTestServer::connection(const QString& token, const QString& fingerprint) const
{
    remote::RemoteConnection connection;
    connection.baseUrl = QUrl(url());
    connection.token = token;
    connection.pinnedFingerprint = fingerprint;
    connection.connectTimeout = std::chrono::seconds(5);
    connection.ioTimeout = std::chrono::seconds(30);
    return connection;
}

std::shared_ptr<remote::RemoteRegistry> RemoteTestServer::connect(const QString& token, const QString& fingerprint) const
{
    Result<std::shared_ptr<remote::RemoteRegistry>> registry
        = remote::RemoteRegistry::connect(connection(token, fingerprint));
    if (!registry) {
        qWarning("connect to %s failed: %s", qPrintable(url()), qPrintable(registry.error().message()));
        return nullptr;
    }
    return *registry;
}

QString RemoteTestServer::fingerprint() const
{
    static const QRegularExpression line(QStringLiteral("SHA-256 fingerprint ([0-9A-F:]+)"));
    const QRegularExpressionMatchIterator matches = line.globalMatch(QString::fromUtf8(m_process->standardOutput()));
    QString last;
    for (QRegularExpressionMatchIterator it = matches; it.hasNext();)
        last = it.next().captured(1);
    return last;
}

QString RemoteTestServer::tokenFile(const QString& token, const QString& name)
{
    const QString path = file(name);
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    out.write(token.toUtf8() + '\n');
    return path;
}

} // namespace sreg::test
