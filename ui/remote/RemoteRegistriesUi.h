#pragma once

#include "metadata/Records.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>

class QMenu;

namespace sreg {

class AddRegistryDialog;
class MainWindow;
class RegistrySource;
class RemoteRegistries;
class SecretStore;
class Task;
class TaskManager;

// Remote registries in the main window, through its public API only: a "Remote" menu (Add Registry…, Remove
// Registry, Mirror Collection…, Copy Selected Images to…), the saved connections restored into the tree, tokens
// in the system keychain (or, when there is none and the user agrees, for this session only), and drags of
// images between registries turned into transfer tasks.
class RemoteRegistriesUi final : public QObject
{
    Q_OBJECT

public:
    // secrets: the system keychain when null. settingsFile: the application's settings when empty.
    RemoteRegistriesUi(MainWindow* window, TaskManager* tasks, SecretStore* secrets = nullptr,
                       const QString& settingsFile = {});
    ~RemoteRegistriesUi() override;
    Q_DISABLE_COPY_MOVE(RemoteRegistriesUi)

    RemoteRegistries* registries() const { return m_registries.get(); }
    QMenu* menu() const { return m_menu; }
    // Shows the saved connections in the tree.
    void restore();

public Q_SLOTS:
    void addRegistry();
    void removeCurrentRegistry();
    void mirrorCollection();
    void copySelection();

public:
    // What a finished Add Registry dialog leads to (tests call it with a dialog they filled in).
    void addFrom(const AddRegistryDialog& dialog);
    // Copies (or moves) tags of origin into collection of target: one transfer task each.
    QList<Task*> copyTags(RegistrySource* origin, RegistrySource* target, const QString& collection,
                          const QList<TagRecord>& tags, bool move, bool createCollection);

Q_SIGNALS:
    void transfersStarted(const QList<sreg::Task*>& tasks);
    void registryAdded(sreg::RegistrySource* source);

private:
    void buildMenu();
    void showMessage(const QString& text);
    QList<RegistrySource*> allSources() const;

    QPointer<MainWindow> m_window;
    TaskManager* m_tasks;
    std::unique_ptr<SecretStore> m_keychain; // when no store was given
    std::unique_ptr<RemoteRegistries> m_registries;
    QMenu* m_menu = nullptr;
};

} // namespace sreg
