#include "GoLibraryClient.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace sreg::test {

namespace {
const QString kClientPackage
    = QStringLiteral("/usr/share/gocode/src/github.com/apptainer/container-library-client/client");
}

QJsonObject GoLibraryClient::Run::json() const
{
    return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
}

bool GoLibraryClient::required()
{
    return qEnvironmentVariable("CI") == u"true";
}

std::optional<QString> GoLibraryClient::build(QString* why)
{
    static QTemporaryDir* workDir = nullptr;
    static std::optional<QString> built;
    static QString failure;
    if (workDir) {
        if (why)
            *why = failure;
        return built;
    }
    workDir = new QTemporaryDir; // lives until the test process ends
    const QString go = QStandardPaths::findExecutable(QStringLiteral("go"));
    if (go.isEmpty())
        failure = QStringLiteral("Go is not installed (apt-get install golang-go)");
    else if (!QFile::exists(kClientPackage))
        failure = QStringLiteral("the library client sources are missing (apt-get install "
                                 "golang-github-apptainer-container-library-client-dev)");
    if (failure.isEmpty()) {
        const QString output = workDir->filePath(QStringLiteral("libclient"));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("GOPATH"),
                   workDir->filePath(QStringLiteral("gopath")) + QStringLiteral(":/usr/share/gocode"));
        env.insert(QStringLiteral("GO111MODULE"), QStringLiteral("off"));
        env.insert(QStringLiteral("GOFLAGS"), QString());
        env.insert(QStringLiteral("GOPROXY"), QStringLiteral("off"));
        env.insert(QStringLiteral("GOCACHE"), workDir->filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("HOME"), workDir->path());
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(workDir->path());
        process.start(go,
                      { QStringLiteral("build"), QStringLiteral("-o"), output,
                        sourceDir() + QStringLiteral("/tests/interop/libclient/main.go") });
        if (!process.waitForFinished(600000) || process.exitCode() != 0)
            failure = QStringLiteral("go build of the driver failed: %1")
                          .arg(QString::fromUtf8(process.readAllStandardError()));
        else
            built = output;
    }
    if (why)
        *why = failure;
    return built;
}

GoLibraryClient::GoLibraryClient(QString binary, QString baseUrl, QString token)
    : m_binary(std::move(binary)), m_baseUrl(std::move(baseUrl)), m_token(std::move(token))
{
}

GoLibraryClient::Run GoLibraryClient::run(const QStringList& args, const QString& arch, int timeoutMs) const
{
    QStringList all { QStringLiteral("-url"), m_baseUrl, QStringLiteral("-arch"), arch, QStringLiteral("-v") };
    if (!m_token.isEmpty())
        all << QStringLiteral("-token") << m_token;
    all << args;
    QProcess process;
    process.start(m_binary, all);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace sreg::test
