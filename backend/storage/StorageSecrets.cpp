#include "StorageSecrets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace sreg {
namespace {

std::mutex providerMutex;
StorageSecrets::Provider& provider()
{
    static StorageSecrets::Provider instance;
    return instance;
}

} // namespace

void StorageSecrets::setProvider(Provider newProvider)
{
    std::lock_guard lock(providerMutex);
    provider() = std::move(newProvider);
}

QString StorageSecrets::secretsFilePath(const StorageConfig& config, const QString& configPath)
{
    if (!config.secretsFile.isEmpty()) {
        if (QFileInfo(config.secretsFile).isAbsolute() || configPath.isEmpty())
            return config.secretsFile;
        return QFileInfo(configPath).absoluteDir().filePath(config.secretsFile);
    }
    if (configPath.isEmpty())
        return {};
    QString path = configPath;
    if (path.endsWith(QStringLiteral(".json")))
        path.chop(5);
    return path + QStringLiteral("-secrets.json");
}

Result<StorageSecrets> StorageSecrets::readFile(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info
    {
    };
    if (::stat(native.constData(), &info) != 0)
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    if (!S_ISREG(info.st_mode))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(path));
    if (info.st_uid != ::geteuid())
        return Error(
            ErrorCode::PermissionDenied,
            QStringLiteral("%1 belongs to another user; the secrets file must be the registry user's own").arg(path));
    if ((info.st_mode & 077) != 0)
        return Error(ErrorCode::PermissionDenied,
                     QStringLiteral("%1 can be read by others (mode %2); make it private: chmod 600 %1")
                         .arg(path)
                         .arg(info.st_mode & 0777, 4, 8, QLatin1Char('0')));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QJsonDocument document = QJsonDocument::fromJson(file.read(64 * 1024));
    const QJsonObject json = document.object();
    StorageSecrets secrets;
    secrets.secret = json.value(QStringLiteral("secret")).toString().toUtf8();
    secrets.sessionToken = json.value(QStringLiteral("sessionToken")).toString().toUtf8();
    if (!document.isObject() || secrets.secret.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 holds no \"secret\"").arg(path));
    return secrets;
}

Status StorageSecrets::writeFile(const QString& path, const StorageSecrets& secrets)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QJsonObject json { { QStringLiteral("secret"), QString::fromUtf8(secrets.secret) } };
    if (!secrets.sessionToken.isEmpty())
        json.insert(QStringLiteral("sessionToken"), QString::fromUtf8(secrets.sessionToken));
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

Result<StorageSecrets> StorageSecrets::resolve(const StorageConfig& config, const QString& configPath, Role role)
{
    if (!config.isObjectStore())
        return StorageSecrets();
    {
        std::lock_guard lock(providerMutex);
        if (provider()) {
            if (std::optional<StorageSecrets> provided = provider()(config, configPath, role);
                provided && !provided->secret.isEmpty())
                return *provided;
        }
    }
    const char* secretVariable = role == Role::Target ? "SREGISTRY_TARGET_STORAGE_SECRET" : "SREGISTRY_STORAGE_SECRET";
    const char* tokenVariable
        = role == Role::Target ? "SREGISTRY_TARGET_STORAGE_SESSION_TOKEN" : "SREGISTRY_STORAGE_SESSION_TOKEN";
    if (qEnvironmentVariableIsSet(secretVariable) && !qEnvironmentVariableIsEmpty(secretVariable)) {
        StorageSecrets secrets;
        secrets.secret = qgetenv(secretVariable);
        secrets.sessionToken = qgetenv(tokenVariable);
        return secrets;
    }
    const QString file = secretsFilePath(config, configPath);
    if (!file.isEmpty()) {
        Result<StorageSecrets> read = readFile(file);
        if (read || read.error().code() != ErrorCode::NotFound)
            return read;
    }
    return Error(ErrorCode::InvalidArgument,
                 QStringLiteral("no %1 for %2: set %3, or put {\"secret\": \"...\"} in %4 (chmod 600)")
                     .arg(config.secretLabel(), config.describe(), QString::fromLatin1(secretVariable),
                          file.isEmpty() ? QStringLiteral("a secrets file") : file));
}

} // namespace sreg
