#include "ServerProcess.h"

#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QThread>
#include <csignal>

namespace sreg::test {

ServerProcess::ServerProcess(QString dataDir) : m_dataDir(std::move(dataDir)) { }

ServerProcess::~ServerProcess()
{
    if (isRunning())
        stop();
}

QString ServerProcess::executable()
{
    return binDir() + QStringLiteral("/sregistry-server");
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ServerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

void ServerProcess::drain()
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
}

QByteArray ServerProcess::standardError()
{
    return readFile(m_logDir.filePath(QStringLiteral("stderr.log")));
}

bool ServerProcess::start(const QStringList& extraArgs, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    m_process->setStandardErrorFile(m_logDir.filePath(QStringLiteral("stderr.log")), QIODevice::Append);
    m_stdout.clear();
    m_port = 0;
    QStringList args { QStringLiteral("--data"), m_dataDir, QStringLiteral("serve") };
    if (!extraArgs.contains(QStringLiteral("--listen")))
        args << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0");
    args << extraArgs;
    m_process->start(executable(), args);
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(executable(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (https?://[^\\s]+):(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(100);
        drain();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_stdout));
        if (match.hasMatch()) {
            m_url = match.captured(1) + u':' + match.captured(2);
            m_port = match.captured(2).toInt();
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    drain();
    m_error = QStringLiteral("the server did not get ready: %1").arg(QString::fromUtf8(standardError()));
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished();
    }
    return false;
}

int ServerProcess::stop(int timeoutMs)
{
    if (!isRunning())
        return m_process ? m_process->exitCode() : -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(timeoutMs)) {
        m_process->kill();
        m_process->waitForFinished();
        drain();
        return -1;
    }
    drain();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

qint64 ServerProcess::peakRssBytes() const
{
    if (!isRunning())
        return -1;
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process->processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toLongLong() * 1024;
    }
    return -1;
}

ServerProcess::CliResult ServerProcess::cli(const QString& dataDir, const QStringList& args, int timeoutMs)
{
    QProcess process;
    process.start(executable(), QStringList { QStringLiteral("--data"), dataDir } + args);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString ServerProcess::createToken(const QString& user, const QString& name, const QString& scope,
                                   const QStringList& extra)
{
    const CliResult token = cli(QStringList { QStringLiteral("token"), QStringLiteral("create"), user,
                                              QStringLiteral("--name"), name, QStringLiteral("--scope"), scope }
                                + extra);
    if (token.exitCode != 0)
        return {};
    return QString::fromUtf8(token.out).trimmed();
}

QString ServerProcess::addUserWithToken(const QString& user, const QString& scope, bool admin)
{
    QStringList args { QStringLiteral("user"), QStringLiteral("add"), user };
    if (admin)
        args << QStringLiteral("--admin");
    if (cli(args).exitCode != 0)
        return {};
    return createToken(user, QStringLiteral("t-") + scope, scope);
}

} // namespace sreg::test
