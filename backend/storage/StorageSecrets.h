#pragma once

#include "StorageConfig.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <optional>

namespace sreg {

// The secret half of a storage configuration: the S3 secret access key (and session token of temporary
// credentials), or the Swift key, password or application credential secret. Never on a command line, never in
// a log line or an error message. Found, in this order:
//   1. the process's secret provider: the desktop application installs one that reads the keychain;
//   2. environment variables: SREGISTRY_STORAGE_SECRET (and SREGISTRY_STORAGE_SESSION_TOKEN), or for the target
//      of a migration SREGISTRY_TARGET_STORAGE_SECRET (and ..._SESSION_TOKEN);
//   3. the secrets file (config.secretsFile, else beside the settings file: storage.json ->
//      storage-secrets.json): {"secret": "...", "sessionToken": "..."}, owned by this user and readable by
//      nobody else (mode 0600 or stricter), or it is refused.
struct StorageSecrets
{
    enum class Role
    {
        Current, // the registry's own storage
        Target, // the storage a migration copies to
    };

    QByteArray secret;
    QByteArray sessionToken;

    // configPath: the settings file the config came from (for the default secrets file); may be empty.
    using Provider = std::function<std::optional<StorageSecrets>(const StorageConfig& config, const QString& configPath,
                                                                 Role role)>;
    static void setProvider(Provider provider);

    // The secrets of config; InvalidArgument (naming where it looked, never a secret) when there are none.
    // A local store needs none.
    static Result<StorageSecrets> resolve(const StorageConfig& config, const QString& configPath, Role role);
    // The secrets file that belongs to config read from configPath.
    static QString secretsFilePath(const StorageConfig& config, const QString& configPath);
    // Reads a secrets file, refusing one that others could read.
    static Result<StorageSecrets> readFile(const QString& path);
    // Writes a secrets file readable by the owner only.
    static Status writeFile(const QString& path, const StorageSecrets& secrets);
};

} // namespace sreg
