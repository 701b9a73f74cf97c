#include "BlobStoreFactory.h"

#include "LocalBlobStore.h"

#include <QDir>
#include <QRegularExpression>
#include <QUrl>

namespace sreg {
namespace {

constexpr qint64 MiB = 1024 * 1024;

ObjectBlobStore::Tuning tuningOf(const StorageConfig& config)
{
    ObjectBlobStore::Tuning tuning;
    tuning.writer.chunkSize = qint64(config.chunkMiB) * MiB;
    tuning.writer.parallelism = config.parallelism;
    tuning.writer.maxChunks = config.maxChunks;
    tuning.reader.blockSize = qint64(config.readAheadMiB) * MiB;
    tuning.reader.depth = config.parallelism;
    return tuning;
}

QString absoluteIn(const QString& dataDir, const QString& path, const QString& fallback)
{
    return QDir::cleanPath(QDir(dataDir).absoluteFilePath(path.isEmpty() ? fallback : path));
}

// Virtual-hosted addressing where AWS expects it, for bucket names that can be host names (no dots: a dotted
// name would not match the *.s3.amazonaws.com certificate); path style everywhere else.
S3Client::Addressing addressingOf(const StorageConfig& config, const QUrl& endpoint)
{
    if (config.addressing == u"path")
        return S3Client::Addressing::Path;
    if (config.addressing == u"virtual")
        return S3Client::Addressing::VirtualHosted;
    static const QRegularExpression hostSafe(QStringLiteral("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$"));
    const bool aws = endpoint.host().endsWith(QStringLiteral(".amazonaws.com"));
    return aws && hostSafe.match(config.bucket).hasMatch() ? S3Client::Addressing::VirtualHosted
                                                           : S3Client::Addressing::Path;
}

SwiftAuth::Method swiftMethod(const QString& name)
{
    if (name == u"keystone")
        return SwiftAuth::Method::KeystonePassword;
    if (name == u"application-credential")
        return SwiftAuth::Method::KeystoneApplicationCredential;
    return SwiftAuth::Method::TempAuth;
}

} // namespace

Result<std::unique_ptr<BlobStore>> BlobStoreFactory::create(const StorageConfig& config, const StorageSecrets& secrets,
                                                            const QString& dataDir)
{
    if (Status valid = config.validate(); !valid)
        return valid.error();
    switch (config.backend) {
    case StorageConfig::Backend::Local: {
        Result<std::unique_ptr<LocalBlobStore>> store
            = LocalBlobStore::open(absoluteIn(dataDir, config.path, QStringLiteral("blobs")));
        if (!store)
            return store.error();
        return std::unique_ptr<BlobStore>(std::move(*store));
    }
    case StorageConfig::Backend::S3:
    case StorageConfig::Backend::Gcs: {
        Result<std::unique_ptr<S3BlobStore>> store = S3BlobStore::open(s3Options(config, secrets, dataDir));
        if (!store)
            return store.error();
        return std::unique_ptr<BlobStore>(std::move(*store));
    }
    case StorageConfig::Backend::Swift: {
        Result<std::unique_ptr<SwiftBlobStore>> store = SwiftBlobStore::open(swiftOptions(config, secrets));
        if (!store)
            return store.error();
        return std::unique_ptr<BlobStore>(std::move(*store));
    }
    }
    return Error(ErrorCode::Internal, QStringLiteral("unknown storage backend"));
}

S3BlobStore::Options BlobStoreFactory::s3Options(const StorageConfig& config, const StorageSecrets& secrets,
                                                 const QString& dataDir)
{
    S3BlobStore::Options options;
    const QUrl endpoint(config.effectiveEndpoint());
    options.client.endpoint = endpoint;
    options.client.region = config.effectiveRegion();
    options.client.bucket = config.bucket;
    options.client.addressing = addressingOf(config, endpoint);
    options.client.credentials = S3Credentials { config.accessKeyId, secrets.secret, secrets.sessionToken };
    options.client.verifyTls = config.verifyTls;
    options.client.caFile = config.caFile;
    options.client.signPayload = endpoint.scheme() != u"https"; // TLS guards the bytes already
    options.client.gcs = config.backend == StorageConfig::Backend::Gcs;
    options.prefix = config.prefix;
    options.tuning = tuningOf(config);
    if (config.directUploads)
        options.spoolDir = absoluteIn(dataDir, config.spoolDir, QStringLiteral("spool"));
    options.spoolMemoryBytes = config.spoolMemoryMiB < 0 ? -1 : qint64(config.spoolMemoryMiB) * MiB;
    options.presignedDownloads = config.presignedDownloads;
    return options;
}

SwiftBlobStore::Options BlobStoreFactory::swiftOptions(const StorageConfig& config, const StorageSecrets& secrets)
{
    SwiftBlobStore::Options options;
    SwiftAuth::Options& auth = options.client.auth;
    auth.method = swiftMethod(config.authMethod);
    auth.authUrl = QUrl(config.authUrl);
    auth.user = config.user;
    auth.userDomain = config.userDomain;
    auth.project = config.project;
    auth.projectDomain = config.projectDomain;
    auth.applicationCredentialId = config.applicationCredentialId;
    auth.secret = secrets.secret;
    auth.region = config.region;
    auth.interface = config.interface;
    auth.storageUrl = QUrl(config.storageUrl);
    auth.verifyTls = config.verifyTls;
    auth.caFile = config.caFile;
    options.client.container = config.container;
    options.prefix = config.prefix;
    options.tuning = tuningOf(config);
    return options;
}

Result<std::unique_ptr<BlobStore>> BlobStoreFactory::open(const QString& configPath, const QString& dataDir,
                                                          StorageSecrets::Role role)
{
    Result<StorageConfig> config = StorageConfig::load(configPath);
    if (!config)
        return config.error();
    Result<StorageSecrets> secrets = StorageSecrets::resolve(*config, configPath, role);
    if (!secrets)
        return secrets.error();
    return create(*config, *secrets, dataDir);
}

Result<StorageConfig> BlobStoreFactory::configuredIn(const QString& dataDir)
{
    Result<StorageConfig> config = StorageConfig::load(StorageConfig::pathIn(dataDir));
    if (!config && config.error().code() == ErrorCode::NotFound)
        return StorageConfig(); // the default: a local store in <data>/blobs
    return config;
}

Result<std::unique_ptr<BlobStore>> BlobStoreFactory::openConfigured(const QString& dataDir)
{
    Result<StorageConfig> config = configuredIn(dataDir);
    if (!config)
        return config.error();
    const QString path = StorageConfig::pathIn(dataDir);
    Result<StorageSecrets> secrets = StorageSecrets::resolve(*config, path, StorageSecrets::Role::Current);
    if (!secrets)
        return secrets.error();
    Result<std::unique_ptr<BlobStore>> store = create(*config, *secrets, dataDir);
    if (!store)
        return store.error().prefixed(QStringLiteral("cannot open the storage of %1 (%2)").arg(dataDir, path));
    return store;
}

} // namespace sreg
