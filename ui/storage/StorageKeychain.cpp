#include "StorageKeychain.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <qt6keychain/keychain.h>

namespace sreg {
namespace {

Error keychainError(QKeychain::Error code, const QString& detail)
{
    switch (code) {
    case QKeychain::NoBackendAvailable:
        return Error(ErrorCode::Unavailable,
                     QCoreApplication::translate("StorageKeychain",
                                                 "No keychain service is running (such as GNOME Keyring or KWallet), "
                                                 "so the storage secret cannot be kept safely. Start one and try "
                                                 "again; the secret is never written to a plain file."));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error(ErrorCode::PermissionDenied,
                     QCoreApplication::translate("StorageKeychain", "The keychain refused access: %1").arg(detail));
    default:
        return Error(ErrorCode::Unavailable,
                     QCoreApplication::translate("StorageKeychain", "The keychain failed: %1").arg(detail));
    }
}

} // namespace

QString StorageKeychain::keyFor(const QString& dataDir, const StorageConfig& config)
{
    return QStringLiteral("%1|%2").arg(dataDir, config.location(dataDir));
}

QByteArray StorageKeychain::encode(const StorageSecrets& secrets)
{
    QJsonObject json { { QStringLiteral("secret"), QString::fromUtf8(secrets.secret) } };
    if (!secrets.sessionToken.isEmpty())
        json.insert(QStringLiteral("sessionToken"), QString::fromUtf8(secrets.sessionToken));
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

std::optional<StorageSecrets> StorageKeychain::decode(const QByteArray& data)
{
    const QJsonObject json = QJsonDocument::fromJson(data).object();
    StorageSecrets secrets;
    secrets.secret = json.value(QStringLiteral("secret")).toString().toUtf8();
    secrets.sessionToken = json.value(QStringLiteral("sessionToken")).toString().toUtf8();
    if (secrets.secret.isEmpty())
        return std::nullopt;
    return secrets;
}

void StorageKeychain::write(const QString& key, const StorageSecrets& secrets, QObject* context,
                            std::function<void(Status)> done)
{
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(Service));
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(encode(secrets));
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job* finished) {
        done(finished->error() == QKeychain::NoError
                 ? Status()
                 : Status(keychainError(finished->error(), finished->errorString())));
    });
    job->start();
}

Result<std::optional<StorageSecrets>> StorageKeychain::readBlocking(const QString& key)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(Service));
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(key);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<StorageSecrets>();
    if (job.error() != QKeychain::NoError)
        return keychainError(job.error(), job.errorString());
    return decode(job.binaryData());
}

Status StorageKeychain::writeBlocking(const QString& key, const StorageSecrets& secrets)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(Service));
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(key);
    job.setBinaryData(encode(secrets));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return keychainError(job.error(), job.errorString());
    return {};
}

void StorageKeychain::installSecretProvider()
{
    StorageSecrets::setProvider([](const StorageConfig& config, const QString& configPath, StorageSecrets::Role) {
        // The settings file sits in the registry's data folder: that names the registry.
        const QString dataDir = QFileInfo(configPath).absolutePath();
        Result<std::optional<StorageSecrets>> secrets = readBlocking(keyFor(dataDir, config));
        if (!secrets) {
            qWarning().noquote() << secrets.error().message(); // the environment and the secrets file still count
            return std::optional<StorageSecrets>();
        }
        return *secrets;
    });
}

} // namespace sreg
