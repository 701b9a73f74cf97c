#pragma once

#include "SecretStore.h"

#include <QHash>

namespace sreg {

// Secrets kept in this process's memory only: for tokens the user chose to keep for this session, and for tests.
// available = false makes it behave like a machine without a keychain service.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit MemorySecretStore(bool available = true, QObject* parent = nullptr);

    QString describe() const override;
    void read(const QString& key, QObject* context, Callback done) override;
    void write(const QString& key, const QString& secret, QObject* context, Callback done) override;
    void remove(const QString& key, QObject* context, Callback done) override;
    bool contains(const QString& key) const { return m_secrets.contains(key); }

private:
    void answer(QObject* context, Callback done, Answer result);

    bool m_available;
    QHash<QString, QString> m_secrets;
};

} // namespace sreg
