#pragma once

#include "remote/SecretStore.h"

namespace sreg {

// The system keychain (qtkeychain: the Secret Service on Linux, so GNOME Keyring or KWallet), service
// "sregistry-desktop", one entry per remote connection. The insecure fallback of qtkeychain (a plain file) is
// off: without a keychain service the answer is Unavailable, and the caller asks the user what to do.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    static constexpr const char* Service = "sregistry-desktop";

    explicit KeychainSecretStore(QObject* parent = nullptr);

    QString describe() const override;
    void read(const QString& key, QObject* context, Callback done) override;
    void write(const QString& key, const QString& secret, QObject* context, Callback done) override;
    void remove(const QString& key, QObject* context, Callback done) override;
};

} // namespace sreg
