#pragma once

#include "common/Result.h"
#include "storage/StorageConfig.h"
#include "storage/StorageSecrets.h"

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace sreg {

// The desktop's storage secrets in the system keychain (qtkeychain: the Secret Service on Linux), service
// "sregistry-desktop", one entry per registry and storage location ("<data folder>|<location>"), so that the
// secrets of the old and the new storage live side by side while images move. Never a plain-text fallback:
// without a keychain service, storing fails with a message saying so, and the caller tells the user.
class StorageKeychain final
{
public:
    static constexpr const char* Service = "sregistry-desktop";

    static QString keyFor(const QString& dataDir, const StorageConfig& config);

    // Asynchronous, for the GUI thread: done runs on context's thread.
    static void write(const QString& key, const StorageSecrets& secrets, QObject* context,
                      std::function<void(Status)> done);
    // Blocking (a local event loop), for threads that may wait: opening a registry, a Task's work.
    static Result<std::optional<StorageSecrets>> readBlocking(const QString& key);
    static Status writeBlocking(const QString& key, const StorageSecrets& secrets);

    // Makes StorageSecrets::resolve look in the keychain first (registries opened after this call).
    static void installSecretProvider();

    static QByteArray encode(const StorageSecrets& secrets);
    static std::optional<StorageSecrets> decode(const QByteArray& data);
};

} // namespace sreg
