#include "RemoteRegistries.h"

#include "MemorySecretStore.h"
#include "RemoteSource.h"
#include "SecretStore.h"
#include "remote/RemoteConnection.h"

namespace sreg {

RemoteRegistries::RemoteRegistries(TaskManager* tasks, SecretStore* secrets, const QString& settingsFile,
                                   QObject* parent)
    : QObject(parent)
    , m_tasks(tasks)
    , m_secrets(secrets)
    , m_session(std::make_unique<MemorySecretStore>())
    , m_settings(settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
}

RemoteRegistries::~RemoteRegistries()
{
    for (RemoteSource* source : std::as_const(m_sources))
        delete source;
}

QList<RemoteSource*> RemoteRegistries::sources() const
{
    return m_sources.values();
}

RemoteSource* RemoteRegistries::source(const QString& id) const
{
    return m_sources.value(id);
}

RemoteConnectionSettings RemoteRegistries::settingsOf(const QString& id) const
{
    return m_connections.value(id);
}

void RemoteRegistries::remember(const RemoteConnectionSettings& settings)
{
    m_connections.insert(settings.id, settings);
    settings.save(*m_settings);
}

RemoteSource* RemoteRegistries::create(const RemoteConnectionSettings& settings, const QString& token)
{
    remote::RemoteConnection connection;
    connection.baseUrl = settings.url;
    connection.username = settings.username;
    connection.pinnedFingerprint = settings.fingerprint;
    connection.token = token;
    auto* source = new RemoteSource(settings.id, settings.name, connection, settings.lastKnownInfo(), m_tasks);
    m_sources.insert(settings.id, source);
    // What the probe learns (the user's admin rights, the kind of server) is what the next start assumes.
    connect(source, &RemoteSource::infoChanged, this, [this, id = settings.id] {
        RemoteSource* changed = m_sources.value(id);
        if (!changed || !m_connections.contains(id))
            return;
        RemoteConnectionSettings updated = m_connections.value(id);
        const remote::RemoteInfo info = changed->info();
        updated.kind = info.kind;
        updated.user = info.user;
        updated.admin = info.admin;
        remember(updated);
    });
    Q_EMIT sourceAdded(source);
    return source;
}

void RemoteRegistries::restore()
{
    for (const RemoteConnectionSettings& settings : RemoteConnectionSettings::loadAll(*m_settings)) {
        if (m_connections.contains(settings.id))
            continue;
        m_connections.insert(settings.id, settings);
        if (!settings.hasToken) {
            create(settings, {});
            continue;
        }
        if (settings.sessionOnly || !m_secrets) {
            create(settings, {});
            Q_EMIT tokenUnavailable(settings.id, tr("The token of %1 was kept for the last session only: enter it "
                                                    "again to sign in.")
                                                     .arg(settings.name));
            continue;
        }
        m_secrets->read(settings.secretKey(), this, [this, settings](const SecretStore::Answer& answer) {
            if (!m_connections.contains(settings.id) || m_sources.contains(settings.id))
                return;
            create(settings, answer.outcome == SecretStore::Outcome::Ok ? answer.secret : QString());
            if (answer.outcome != SecretStore::Outcome::Ok)
                Q_EMIT tokenUnavailable(settings.id,
                                        tr("The token of %1 could not be read from %2: %3")
                                            .arg(settings.name, m_secrets->describe(),
                                                 answer.message.isEmpty() ? tr("it is not there") : answer.message));
        });
    }
}

void RemoteRegistries::add(RemoteConnectionSettings settings, const QString& token, KeepToken keep, QObject* context,
                           std::function<void(Result<RemoteSource*>)> done)
{
    if (settings.id.isEmpty())
        settings.id = RemoteConnectionSettings::newId();
    settings.hasToken = !token.isEmpty();
    settings.sessionOnly = keep == KeepToken::SessionOnly && settings.hasToken;
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const auto finish = [this, settings, token, guard, hasContext, done]() {
        // Editing a connection replaces its source; the token just written stays.
        if (RemoteSource* previous = m_sources.take(settings.id)) {
            Q_EMIT sourceRemoved(previous);
            previous->deleteLater();
        }
        remember(settings);
        RemoteSource* source = create(settings, token);
        if (done && (!hasContext || guard))
            done(source);
    };
    if (!settings.hasToken) {
        finish();
        return;
    }
    SecretStore* store = keep == KeepToken::SessionOnly || !m_secrets ? static_cast<SecretStore*>(m_session.get())
                                                                       : m_secrets.data();
    store->write(settings.secretKey(), token, this,
                 [finish, guard, hasContext, done, store](const SecretStore::Answer& answer) {
                     if (answer.outcome == SecretStore::Outcome::Ok)
                         return finish();
                     if (done && (!hasContext || guard))
                         done(Error(answer.outcome == SecretStore::Outcome::Unavailable ? ErrorCode::Unavailable
                                                                                         : ErrorCode::Io,
                                    QStringLiteral("%1: %2").arg(store->describe(), answer.message)));
                 });
}

void RemoteRegistries::remove(const QString& id)
{
    const RemoteConnectionSettings settings = m_connections.take(id);
    RemoteConnectionSettings::remove(*m_settings, id);
    if (settings.hasToken) {
        m_session->remove(settings.secretKey(), this, {});
        if (m_secrets && !settings.sessionOnly)
            m_secrets->remove(settings.secretKey(), this, {});
    }
    if (RemoteSource* source = m_sources.take(id)) {
        Q_EMIT sourceRemoved(source);
        source->deleteLater();
    }
}

} // namespace sreg
