#include "MemorySecretStore.h"

#include <QTimer>

namespace sreg {

MemorySecretStore::MemorySecretStore(bool available, QObject* parent)
    : SecretStore(parent)
    , m_available(available)
{
}

QString MemorySecretStore::describe() const
{
    return tr("memory (this session only)");
}

void MemorySecretStore::answer(QObject* context, Callback done, Answer result)
{
    // Asynchronous like a real keychain, so that callers never depend on an immediate answer.
    QTimer::singleShot(0, context ? context : this, [done = std::move(done), result = std::move(result)] {
        if (done)
            done(result);
    });
}

void MemorySecretStore::read(const QString& key, QObject* context, Callback done)
{
    Answer result;
    if (!m_available) {
        result.outcome = Outcome::Unavailable;
        result.message = tr("No keychain service is running.");
    } else if (!m_secrets.contains(key)) {
        result.outcome = Outcome::NotFound;
    } else {
        result.secret = m_secrets.value(key);
    }
    answer(context, std::move(done), result);
}

void MemorySecretStore::write(const QString& key, const QString& secret, QObject* context, Callback done)
{
    Answer result;
    if (!m_available) {
        result.outcome = Outcome::Unavailable;
        result.message = tr("No keychain service is running.");
    } else {
        m_secrets.insert(key, secret);
    }
    answer(context, std::move(done), result);
}

void MemorySecretStore::remove(const QString& key, QObject* context, Callback done)
{
    m_secrets.remove(key);
    answer(context, std::move(done), Answer {});
}

} // namespace sreg
