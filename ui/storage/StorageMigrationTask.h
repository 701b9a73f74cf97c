#pragma once

#include "storage/StorageConfig.h"
#include "storage/StorageSecrets.h"

#include <QObject>
#include <memory>

namespace sreg {

class Registry;
class Task;

// The GUI's `migrate-storage`: a Task (Tasks dock: progress, speed, cancel, retry) that moves the registry's
// blobs to another storage with BlobMigration, verified and resumable (a cancelled or failed task resumes where it
// stopped when retried), and switches the registry's settings. The running application keeps its open store until
// it restarts; the dialog says so.
class StorageMigrationTask final
{
public:
    struct Setup
    {
        std::shared_ptr<Registry> registry;
        StorageConfig target;
        StorageSecrets secrets;
        bool removeOld = false;
    };

    static Task* create(Setup setup, QObject* parent = nullptr);
};

} // namespace sreg
