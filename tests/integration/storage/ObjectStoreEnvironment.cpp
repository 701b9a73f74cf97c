#include "ObjectStoreEnvironment.h"

#include "common/RandomId.h"
#include "storage/BlobStoreFactory.h"
#include "storage/S3Client.h"
#include "storage/SwiftClient.h"

#include <cstdio>

namespace sreg::test {

std::optional<ObjectStoreEnvironment> ObjectStoreEnvironment::s3(const QString& name)
{
    const QString endpoint = qEnvironmentVariable("S3_ENDPOINT");
    const QString accessKey = qEnvironmentVariable("S3_ACCESS_KEY");
    const QByteArray secret = qgetenv("S3_SECRET_KEY");
    if (endpoint.isEmpty() || accessKey.isEmpty() || secret.isEmpty())
        return std::nullopt;
    ObjectStoreEnvironment environment;
    StorageConfig& config = environment.config;
    config.backend = StorageConfig::Backend::S3;
    config.endpoint = endpoint;
    config.region = qEnvironmentVariable("S3_REGION", QStringLiteral("us-east-1"));
    config.bucket = name;
    config.addressing = QStringLiteral("path"); // Swift's s3api knows no virtual hosts
    config.accessKeyId = accessKey;
    config.chunkMiB = 5;
    environment.secrets.secret = secret;
    return environment;
}

std::optional<ObjectStoreEnvironment> ObjectStoreEnvironment::swift(const QString& name)
{
    const QString authUrl = qEnvironmentVariable("SWIFT_AUTH_URL");
    const QString user = qEnvironmentVariable("SWIFT_USER");
    const QByteArray key = qgetenv("SWIFT_KEY");
    if (authUrl.isEmpty() || user.isEmpty() || key.isEmpty())
        return std::nullopt;
    ObjectStoreEnvironment environment;
    StorageConfig& config = environment.config;
    config.backend = StorageConfig::Backend::Swift;
    config.authUrl = authUrl;
    config.authMethod
        = authUrl.contains(QStringLiteral("/v3")) ? QStringLiteral("keystone") : QStringLiteral("tempauth");
    config.user = user;
    config.container = name;
    config.chunkMiB = 5;
    environment.secrets.secret = key;
    return environment;
}

int ObjectStoreEnvironment::unavailable(const QString& what)
{
    const bool ci = qEnvironmentVariable("CI") == u"true";
    std::fprintf(stderr, "%s: %s\n", ci ? "FAIL" : "SKIP",
                 qPrintable(what
                            + QStringLiteral(" (start ../shared/tools/swift-test-server.sh and export its "
                                             "variables; see tests/integration/storage/README.md)")));
    return ci ? 1 : SkipExitCode;
}

QString ObjectStoreEnvironment::uniqueName(const QString& stem)
{
    return QStringLiteral("sreg-%1-%2").arg(stem, randomToken(8));
}

Status ObjectStoreEnvironment::create(const ObjectStoreEnvironment& environment)
{
    if (environment.config.backend == StorageConfig::Backend::Swift) {
        Result<std::unique_ptr<SwiftClient>> client
            = SwiftClient::create(BlobStoreFactory::swiftOptions(environment.config, environment.secrets).client);
        return client ? (*client)->createContainer() : Status(client.error());
    }
    Result<std::unique_ptr<S3Client>> client
        = S3Client::create(BlobStoreFactory::s3Options(environment.config, environment.secrets, QString()).client);
    return client ? (*client)->createBucket() : Status(client.error());
}

Status ObjectStoreEnvironment::destroy(const ObjectStoreEnvironment& environment)
{
    QStringList keys;
    const auto collect = [&keys](const ObjectInfo& object) {
        keys.append(object.key);
        return true;
    };
    if (environment.config.backend == StorageConfig::Backend::Swift) {
        Result<std::unique_ptr<SwiftClient>> client
            = SwiftClient::create(BlobStoreFactory::swiftOptions(environment.config, environment.secrets).client);
        if (!client)
            return client.error();
        if (Status listed = (*client)->list(QString(), collect); !listed)
            return listed;
        // Manifests first (their segments go with them), then whatever is left.
        for (const QString& key : std::as_const(keys)) {
            if (Status removed = (*client)->removeObject(key); !removed)
                return removed;
        }
        keys.clear();
        if (Status listed = (*client)->list(QString(), collect); !listed)
            return listed;
        for (const QString& key : std::as_const(keys))
            (void)(*client)->removePlain(key);
        return (*client)->deleteContainer();
    }
    Result<std::unique_ptr<S3Client>> client
        = S3Client::create(BlobStoreFactory::s3Options(environment.config, environment.secrets, QString()).client);
    if (!client)
        return client.error();
    QList<S3Client::UploadInfo> uploads;
    (void)(*client)->listMultipartUploads(QString(), [&uploads](const S3Client::UploadInfo& upload) {
        uploads.append(upload);
        return true;
    });
    for (const S3Client::UploadInfo& upload : std::as_const(uploads))
        (void)(*client)->abortMultipartUpload(upload.key, upload.uploadId);
    if (Status listed = (*client)->list(QString(), collect); !listed)
        return listed;
    for (const QString& key : std::as_const(keys)) {
        if (Status removed = (*client)->removeObject(key); !removed)
            return removed;
    }
    return (*client)->deleteBucket();
}

} // namespace sreg::test
