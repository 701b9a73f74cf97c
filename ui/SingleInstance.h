#pragma once

#include <QObject>
#include <QStringList>
#include <memory>

class QLocalServer;
class QLockFile;

namespace sreg {

// One application per user and data folder, as KeePassXC does it: the first process takes a lock file and
// listens on a local socket; a later one, finding the lock taken, sends its files (or just "show yourself")
// to the first and exits. A stale lock left by a crash is taken over (QLockFile checks the owner's pid).
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    // key separates instances: the data folder, so two registries can be open side by side.
    explicit SingleInstance(const QString& key, QObject* parent = nullptr);
    ~SingleInstance() override;
    Q_DISABLE_COPY_MOVE(SingleInstance)

    // True when this process is the first: it then listens for the others.
    bool claim();
    // Hands files to the first instance; false when none answers within timeoutMs.
    bool forward(const QStringList& files, int timeoutMs = 2000) const;
    QString serverName() const;

Q_SIGNALS:
    // Another launch asked to show the window, with the files it was given (possibly none).
    void activated(const QStringList& files);

private:
    void acceptConnection();

    QString m_serverName;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer* m_server = nullptr;
};

} // namespace sreg
