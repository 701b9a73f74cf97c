#pragma once

// CONTRACT between the administration UI (its Storage page) and the storage settings: the one entry point.

class QWidget;

namespace sreg {

class LocalSource;
class TaskManager;

namespace StorageActions {

// The "Image storage" dialog of the local registry: where its images are kept (a folder, S3, Google Cloud
// Storage, Swift), testing a storage, and moving every image to another one as a Task of tasks.
void openStorageSettings(QWidget* parent, LocalSource* source, TaskManager* tasks);

// Lets registries find their storage secret in the system keychain. Call once in main(), before the local
// registry is opened (it opens its configured storage then).
void installKeychainSecretProvider();

} // namespace StorageActions
} // namespace sreg
