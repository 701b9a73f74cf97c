#include "Registry.h"

#include "AccountService.h"
#include "AuditLog.h"
#include "CollectionService.h"
#include "ImageService.h"
#include "MaintenanceService.h"
#include "RegistryContext.h"
#include "common/RandomId.h"
#include "metadata/Database.h"
#include "storage/BlobStoreFactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QStandardPaths>

namespace sreg {

namespace {

// The key token secrets are derived from (see AccountService). Created once, readable by the owner only;
// without it, every token of this registry stops working, which is what rotating it is for.
Result<QByteArray> loadOrCreateTokenKey(const QString& dataDir)
{
    const QString path = dataDir + QStringLiteral("/token.key");
    QFile file(path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray key = QByteArray::fromHex(file.readAll().trimmed());
        if (key.size() < 32)
            return Error(ErrorCode::Io, QStringLiteral("%1 is damaged (expected 64 hex digits)").arg(path));
        return key;
    }
    const QByteArray key = randomBytes(32);
    const QString temporary = path + QStringLiteral(".new");
    QFile out(temporary);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) || out.write(key.toHex() + '\n') < 0
        || !out.flush()) {
        out.remove();
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(temporary, out.errorString()));
    }
    out.close();
    // Another process opening the same new registry may have won the race: keep whichever key landed first.
    if (!QFile::exists(path) && !QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        return Error(ErrorCode::Io, QStringLiteral("cannot create %1").arg(path));
    }
    QFile::remove(temporary);
    return loadOrCreateTokenKey(dataDir);
}

} // namespace

Registry::Registry(std::unique_ptr<RegistryContext> context)
    : m_context(std::move(context))
    , m_collections(std::make_unique<CollectionService>(*m_context))
    , m_images(std::make_unique<ImageService>(*m_context))
    , m_accounts(std::make_unique<AccountService>(*m_context))
    , m_maintenance(std::make_unique<MaintenanceService>(*m_context))
    , m_audit(std::make_unique<AuditLog>(*m_context))
{
    m_context->audit = m_audit.get();
}

Registry::~Registry() = default;

QString Registry::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/sregistry-desktop/registry");
}

Result<std::shared_ptr<Registry>> Registry::open(const RegistryOptions& options)
{
    auto context = std::make_unique<RegistryContext>();
    context->options = options;
    if (context->options.dataDir.isEmpty())
        context->options.dataDir = defaultDataDir();
    const QString dataDir = QDir(context->options.dataDir).absolutePath();
    context->options.dataDir = dataDir;
    if (!QDir().mkpath(dataDir))
        return Error(ErrorCode::Io, QStringLiteral("cannot create the data folder %1").arg(dataDir));
    QFile::setPermissions(dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    Result<QByteArray> key = loadOrCreateTokenKey(dataDir);
    if (!key)
        return key.error();
    context->tokenKey = *key;
    context->processOwner = QHostInfo::localHostName() + u':' + QString::number(QCoreApplication::applicationPid());

    DatabaseConfig databaseConfig;
    if (options.database) {
        databaseConfig = *options.database;
    } else {
        databaseConfig.sqlitePath = dataDir + QStringLiteral("/registry.db");
    }
    Result<std::shared_ptr<Database>> database = Database::open(databaseConfig);
    if (!database)
        return database.error();
    context->database = *database;

    if (options.storeFactory) {
        Result<std::unique_ptr<BlobStore>> store = options.storeFactory(dataDir);
        if (!store)
            return store.error();
        context->store = std::move(*store);
    } else {
        // Without a factory the registry's storage settings decide (storage): <data>/storage.json names the backend
        // (S3, GCS, Swift or a local folder) and BlobStoreFactory finds its secrets; without that file, a
        // LocalBlobStore in <data>/blobs, as always.
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::openConfigured(dataDir);
        if (!store)
            return store.error();
        context->store = std::move(*store);
    }

    std::shared_ptr<Registry> registry(new Registry(std::move(context)));
    if (Status recovered = registry->maintenance().recoverInterrupted(); !recovered)
        return recovered.error().prefixed(QStringLiteral("cleaning up after an interrupted run"));
    return registry;
}

CollectionService& Registry::collections()
{
    return *m_collections;
}

ImageService& Registry::images()
{
    return *m_images;
}

AccountService& Registry::accounts()
{
    return *m_accounts;
}

MaintenanceService& Registry::maintenance()
{
    return *m_maintenance;
}

AuditLog& Registry::audit()
{
    return *m_audit;
}

Database& Registry::database()
{
    return *m_context->database;
}

BlobStore& Registry::store()
{
    return *m_context->store;
}

const RegistryOptions& Registry::options() const
{
    return m_context->options;
}

} // namespace sreg
