#pragma once

#include "common/Result.h"
#include "metadata/Database.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace sreg {

class BlobStore;

struct RegistryOptions
{
    QString dataDir; // holds registry.db, blobs/ and the token key; created when missing
    bool defaultPrivate = false; // collections created without an explicit choice are private
    bool usersMayCreateCollections = true;
    // Where blobs go; default: a LocalBlobStore in dataDir/blobs.
    std::function<Result<std::unique_ptr<BlobStore>>(const QString& dataDir)> storeFactory;
    // Where metadata goes; default: SQLite in dataDir/registry.db.
    std::optional<DatabaseConfig> database;
};

} // namespace sreg
