#pragma once

#include "RegistryOptions.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace sreg {

class AuditLog;
class BlobStore;
class Database;

// What the services of one Registry share. Internal to backend/registry.
struct RegistryContext
{
    RegistryOptions options;
    std::shared_ptr<Database> database;
    std::unique_ptr<BlobStore> store;
    QByteArray tokenKey; // secret from dataDir/token.key: token secrets are derived from it, never stored
    QString processOwner; // "host:pid", marks this process's pending blobs
    AuditLog* audit = nullptr;
};

} // namespace sreg
