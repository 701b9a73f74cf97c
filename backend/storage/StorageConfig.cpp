#include "StorageConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>
#include <array>
#include <utility>

namespace sreg {
namespace {

using StringField = std::pair<const char*, QString StorageConfig::*>;
using IntField = std::pair<const char*, int StorageConfig::*>;
using BoolField = std::pair<const char*, bool StorageConfig::*>;

const std::array<StringField, 20> StringFields { {
    { "path", &StorageConfig::path },
    { "endpoint", &StorageConfig::endpoint },
    { "region", &StorageConfig::region },
    { "bucket", &StorageConfig::bucket },
    { "addressing", &StorageConfig::addressing },
    { "accessKeyId", &StorageConfig::accessKeyId },
    { "authUrl", &StorageConfig::authUrl },
    { "authMethod", &StorageConfig::authMethod },
    { "user", &StorageConfig::user },
    { "userDomain", &StorageConfig::userDomain },
    { "project", &StorageConfig::project },
    { "projectDomain", &StorageConfig::projectDomain },
    { "applicationCredentialId", &StorageConfig::applicationCredentialId },
    { "interface", &StorageConfig::interface },
    { "storageUrl", &StorageConfig::storageUrl },
    { "container", &StorageConfig::container },
    { "prefix", &StorageConfig::prefix },
    { "caFile", &StorageConfig::caFile },
    { "spoolDir", &StorageConfig::spoolDir },
    { "secretsFile", &StorageConfig::secretsFile },
} };

const std::array<IntField, 5> IntFields { {
    { "spoolMemoryMiB", &StorageConfig::spoolMemoryMiB },
    { "chunkMiB", &StorageConfig::chunkMiB },
    { "parallelism", &StorageConfig::parallelism },
    { "maxChunks", &StorageConfig::maxChunks },
    { "readAheadMiB", &StorageConfig::readAheadMiB },
} };

const std::array<BoolField, 3> BoolFields { {
    { "verifyTls", &StorageConfig::verifyTls },
    { "presignedDownloads", &StorageConfig::presignedDownloads },
    { "directUploads", &StorageConfig::directUploads },
} };

bool looksLikeSecret(const QString& name)
{
    const QString lower = name.toLower();
    return lower.contains(u"secret") || lower.contains(u"password") || lower == u"key" || lower.contains(u"token")
        || lower == u"apikey";
}

std::optional<StorageConfig::Backend> parseBackend(const QString& name)
{
    for (StorageConfig::Backend backend : { StorageConfig::Backend::Local, StorageConfig::Backend::S3,
                                            StorageConfig::Backend::Gcs, StorageConfig::Backend::Swift }) {
        if (StorageConfig::backendName(backend) == name)
            return backend;
    }
    return std::nullopt;
}

} // namespace

QString StorageConfig::backendName(Backend backend)
{
    switch (backend) {
    case Backend::Local:
        return QStringLiteral("local");
    case Backend::S3:
        return QStringLiteral("s3");
    case Backend::Gcs:
        return QStringLiteral("gcs");
    case Backend::Swift:
        return QStringLiteral("swift");
    }
    return QStringLiteral("local");
}

QString StorageConfig::pathIn(const QString& dataDir)
{
    return dataDir + QStringLiteral("/storage.json");
}

Result<StorageConfig> StorageConfig::fromJson(const QJsonObject& json)
{
    StorageConfig config;
    const std::optional<Backend> backend = parseBackend(json.value(QStringLiteral("backend")).toString());
    if (!backend)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("\"backend\" must be one of local, s3, gcs, swift (not '%1')")
                         .arg(json.value(QStringLiteral("backend")).toVariant().toString().left(40)));
    config.backend = *backend;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString name = it.key();
        const QJsonValue value = it.value();
        if (name == u"backend" || name.startsWith(u'_')) // "_comment" and the like are the reader's
            continue;
        bool known = false;
        for (const auto& [field, member] : StringFields) {
            if (name == QLatin1String(field)) {
                if (!value.isString())
                    return Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" must be a string").arg(name));
                config.*member = value.toString();
                known = true;
            }
        }
        for (const auto& [field, member] : IntFields) {
            if (name == QLatin1String(field)) {
                if (!value.isDouble() || value.toDouble() != double(value.toInt()))
                    return Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" must be a whole number").arg(name));
                config.*member = value.toInt();
                known = true;
            }
        }
        for (const auto& [field, member] : BoolFields) {
            if (name == QLatin1String(field)) {
                if (!value.isBool())
                    return Error(ErrorCode::InvalidArgument, QStringLiteral("\"%1\" must be true or false").arg(name));
                config.*member = value.toBool();
                known = true;
            }
        }
        if (known)
            continue;
        if (looksLikeSecret(name))
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" looks like a secret: secrets do not belong in the storage settings "
                                        "(use the keychain, the secrets file, or SREGISTRY_STORAGE_SECRET)")
                             .arg(name));
        return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown storage setting \"%1\"").arg(name.left(60)));
    }
    if (Status valid = config.validate(); !valid)
        return valid.error();
    return config;
}

QJsonObject StorageConfig::toJson() const
{
    const StorageConfig defaults;
    QJsonObject json { { QStringLiteral("backend"), backendName(backend) } };
    for (const auto& [field, member] : StringFields) {
        if (this->*member != defaults.*member)
            json.insert(QLatin1String(field), this->*member);
    }
    for (const auto& [field, member] : IntFields) {
        if (this->*member != defaults.*member)
            json.insert(QLatin1String(field), this->*member);
    }
    for (const auto& [field, member] : BoolFields) {
        if (this->*member != defaults.*member)
            json.insert(QLatin1String(field), this->*member);
    }
    return json;
}

Status StorageConfig::validate() const
{
    const auto invalid = [](const QString& message) {
        return Error(ErrorCode::InvalidArgument, message);
    };
    if (chunkMiB < 5 || chunkMiB > 5120)
        return invalid(QStringLiteral("\"chunkMiB\" must be 5 to 5120 (S3 parts are at least 5 MiB)"));
    if (parallelism < 1 || parallelism > 64)
        return invalid(QStringLiteral("\"parallelism\" must be 1 to 64"));
    if (maxChunks < 2 || maxChunks > 10000)
        return invalid(QStringLiteral("\"maxChunks\" must be 2 to 10000"));
    if (spoolMemoryMiB < -1)
        return invalid(QStringLiteral("\"spoolMemoryMiB\" must be -1 (automatic), 0 (off) or a size"));
    if (readAheadMiB < 1 || readAheadMiB > 256)
        return invalid(QStringLiteral("\"readAheadMiB\" must be 1 to 256"));
    const auto checkUrl = [&](const QString& field, const QString& text, bool required) -> Status {
        if (text.isEmpty())
            return required ? Status(invalid(QStringLiteral("\"%1\" is required").arg(field))) : Status();
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
            || !url.userInfo().isEmpty())
            return invalid(QStringLiteral("\"%1\" must be an http:// or https:// URL without credentials").arg(field));
        return {};
    };
    switch (backend) {
    case Backend::Local:
        return {};
    case Backend::S3:
    case Backend::Gcs:
        if (Status url = checkUrl(QStringLiteral("endpoint"), endpoint, false); !url)
            return url;
        if (bucket.isEmpty() || bucket.contains(u'/'))
            return invalid(QStringLiteral("\"bucket\" is required (a bucket name, without slashes)"));
        if (accessKeyId.isEmpty())
            return invalid(QStringLiteral("\"accessKeyId\" is required"));
        if (addressing != u"auto" && addressing != u"path" && addressing != u"virtual")
            return invalid(QStringLiteral("\"addressing\" must be auto, path or virtual"));
        return {};
    case Backend::Swift:
        if (Status url = checkUrl(QStringLiteral("authUrl"), authUrl, true); !url)
            return url;
        if (Status url = checkUrl(QStringLiteral("storageUrl"), storageUrl, false); !url)
            return url;
        if (container.isEmpty() || container.contains(u'/'))
            return invalid(QStringLiteral("\"container\" is required (a container name, without slashes)"));
        if (authMethod != u"tempauth" && authMethod != u"keystone" && authMethod != u"application-credential")
            return invalid(QStringLiteral("\"authMethod\" must be tempauth, keystone or application-credential"));
        if (authMethod == u"application-credential" ? applicationCredentialId.isEmpty() : user.isEmpty())
            return invalid(authMethod == u"application-credential"
                               ? QStringLiteral("\"applicationCredentialId\" is required")
                               : QStringLiteral("\"user\" is required"));
        return {};
    }
    return {};
}

Result<StorageConfig> StorageConfig::load(const QString& path)
{
    QFile file(path);
    if (!file.exists())
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(file.read(1 << 20), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 is not a JSON object (%2)").arg(path, parseError.errorString()));
    Result<StorageConfig> config = fromJson(document.object());
    if (!config)
        return config.error().prefixed(path);
    return config;
}

Status StorageConfig::save(const QString& path) const
{
    if (Status valid = validate(); !valid)
        return valid;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString StorageConfig::effectiveEndpoint() const
{
    if (!endpoint.isEmpty())
        return endpoint;
    if (backend == Backend::Gcs)
        return QStringLiteral("https://storage.googleapis.com");
    return QStringLiteral("https://s3.%1.amazonaws.com").arg(effectiveRegion());
}

QString StorageConfig::effectiveRegion() const
{
    if (!region.isEmpty())
        return region;
    return backend == Backend::Gcs ? QStringLiteral("auto") : QStringLiteral("us-east-1");
}

QString StorageConfig::describe() const
{
    const QString withPrefix = prefix.isEmpty() ? QString() : QStringLiteral(", prefix %1").arg(prefix);
    switch (backend) {
    case Backend::Local:
        return path.isEmpty() ? QStringLiteral("local folder (in the data folder)")
                              : QStringLiteral("local folder %1").arg(path);
    case Backend::S3:
    case Backend::Gcs:
        return QStringLiteral("%1 bucket %2 at %3%4")
            .arg(backendName(backend), bucket, effectiveEndpoint(), withPrefix);
    case Backend::Swift:
        return QStringLiteral("swift container %1 at %2%3").arg(container, authUrl, withPrefix);
    }
    return {};
}

QString StorageConfig::location(const QString& dataDir) const
{
    switch (backend) {
    case Backend::Local:
        return QStringLiteral("local:")
            + QDir::cleanPath(QDir(dataDir).absoluteFilePath(path.isEmpty() ? QStringLiteral("blobs") : path));
    case Backend::S3:
    case Backend::Gcs:
        return QStringLiteral("s3:%1/%2/%3").arg(QUrl(effectiveEndpoint()).host(), bucket, prefix);
    case Backend::Swift:
        return QStringLiteral("swift:%1/%2/%3").arg(storageUrl.isEmpty() ? authUrl : storageUrl, container, prefix);
    }
    return {};
}

QString StorageConfig::secretLabel() const
{
    switch (backend) {
    case Backend::Local:
        return {};
    case Backend::S3:
    case Backend::Gcs:
        return QStringLiteral("secret access key");
    case Backend::Swift:
        return authMethod == u"tempauth" ? QStringLiteral("key")
            : authMethod == u"keystone"  ? QStringLiteral("password")
                                         : QStringLiteral("application credential secret");
    }
    return {};
}

} // namespace sreg
