#pragma once

#include "RemoteConnectionSettings.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSettings>
#include <functional>
#include <memory>

namespace sreg {

class MemorySecretStore;
class RemoteSource;
class SecretStore;
class TaskManager;

// The remote registries the user connected: their settings in QSettings, their tokens in a SecretStore (the
// system keychain), their RemoteSources. A token goes to the keychain; when there is none, the caller (after
// asking the user) may keep it for this session only, in memory: it is never written anywhere in plain text.
class RemoteRegistries final : public QObject
{
    Q_OBJECT

public:
    enum class KeepToken
    {
        Keychain,
        SessionOnly,
    };

    // settingsFile: an INI file (tests); empty for the application's QSettings.
    RemoteRegistries(TaskManager* tasks, SecretStore* secrets, const QString& settingsFile = {},
                     QObject* parent = nullptr);
    ~RemoteRegistries() override;
    Q_DISABLE_COPY_MOVE(RemoteRegistries)

    // Creates a source for every saved connection, each once its token was read (sourceAdded).
    void restore();
    // Keeps the token as asked, saves the settings, creates the source. With KeepToken::Keychain and no keychain
    // service, fails with Unavailable (and keeps nothing): ask the user, then add again with SessionOnly.
    void add(RemoteConnectionSettings settings, const QString& token, KeepToken keep, QObject* context,
             std::function<void(Result<RemoteSource*>)> done);
    // Forgets a connection: settings, token and source (sourceRemoved, then the source is deleted).
    void remove(const QString& id);

    QList<RemoteSource*> sources() const;
    RemoteSource* source(const QString& id) const;
    RemoteConnectionSettings settingsOf(const QString& id) const;
    SecretStore* secrets() const { return m_secrets; }

Q_SIGNALS:
    void sourceAdded(sreg::RemoteSource* source);
    void sourceRemoved(sreg::RemoteSource* source);
    // A saved token could not be read (keychain locked or missing): the connection is anonymous until the user
    // gives the token again.
    void tokenUnavailable(const QString& id, const QString& message);

private:
    RemoteSource* create(const RemoteConnectionSettings& settings, const QString& token);
    void remember(const RemoteConnectionSettings& settings);

    TaskManager* m_tasks;
    QPointer<SecretStore> m_secrets;
    std::unique_ptr<MemorySecretStore> m_session; // tokens kept for this session only
    std::unique_ptr<QSettings> m_settings;
    QHash<QString, RemoteConnectionSettings> m_connections;
    QHash<QString, RemoteSource*> m_sources;
};

} // namespace sreg
