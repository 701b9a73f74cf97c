#pragma once

#include "BlobStore.h"
#include "S3BlobStore.h"
#include "StorageConfig.h"
#include "StorageSecrets.h"
#include "SwiftBlobStore.h"

#include <memory>

namespace sreg {

// Builds the BlobStore a StorageConfig describes: the one place that knows every backend. The registry opens
// its configured store through openConfigured() (Registry::open without a storeFactory); migrate-storage and
// the GUI open a target through open() or create().
class BlobStoreFactory final
{
public:
    // The store of config with its secrets. dataDir anchors the defaults (<data>/blobs, <data>/spool). Object
    // stores are checked (bucket or container, credentials) before this returns.
    static Result<std::unique_ptr<BlobStore>> create(const StorageConfig& config, const StorageSecrets& secrets,
                                                     const QString& dataDir);
    // The options create() would open an S3 or Swift store with (tests adjust them before opening).
    static S3BlobStore::Options s3Options(const StorageConfig& config, const StorageSecrets& secrets,
                                          const QString& dataDir);
    static SwiftBlobStore::Options swiftOptions(const StorageConfig& config, const StorageSecrets& secrets);
    // Reads configPath, finds its secrets (StorageSecrets::resolve) and creates the store.
    static Result<std::unique_ptr<BlobStore>> open(const QString& configPath, const QString& dataDir,
                                                   StorageSecrets::Role role);
    // The registry's own store: <data>/storage.json, or a local store in <data>/blobs when there is none.
    static Result<std::unique_ptr<BlobStore>> openConfigured(const QString& dataDir);
    // The registry's storage settings (a local store in <data>/blobs when storage.json is absent).
    static Result<StorageConfig> configuredIn(const QString& dataDir);
};

} // namespace sreg
