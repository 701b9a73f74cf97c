#pragma once

#include "RegistryOptions.h"
#include "common/Result.h"

#include <memory>

namespace sreg {

class AccountService;
class AuditLog;
class BlobStore;
class CollectionService;
class Database;
class ImageService;
class MaintenanceService;
struct RegistryContext;

// The registry engine: metadata, blobs and the rules, behind one object that every front end shares (the
// CLI, the HTTP server, the desktop app). Thread-safe: any service may be called from any thread.
//
//   auto registry = Registry::open({.dataDir = dir});
//   (*registry)->images().pushFile(Actor::local(), "lolcow.sif", request);
class Registry final
{
public:
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // Opens (creating when needed) the registry in options.dataDir: migrates the schema, then cleans what an
    // interrupted push left behind (temporary files, blobs committed but never recorded).
    static Result<std::shared_ptr<Registry>> open(const RegistryOptions& options);
    // The platform's default data folder (QStandardPaths::AppDataLocation/registry).
    static QString defaultDataDir();

    CollectionService& collections();
    ImageService& images();
    AccountService& accounts();
    MaintenanceService& maintenance();
    AuditLog& audit();

    Database& database();
    BlobStore& store();
    const RegistryOptions& options() const;

private:
    explicit Registry(std::unique_ptr<RegistryContext> context);
    std::unique_ptr<RegistryContext> m_context;
    std::unique_ptr<CollectionService> m_collections;
    std::unique_ptr<ImageService> m_images;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<MaintenanceService> m_maintenance;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace sreg
