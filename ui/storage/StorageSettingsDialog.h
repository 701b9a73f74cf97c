#pragma once

#include "storage/StorageConfig.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QLabel;
class QPushButton;

namespace sreg {

class Registry;
class StorageConfigForm;
class TaskManager;

// Where the local registry keeps its images: shows the current storage, lets the user describe another one (a
// folder, S3, GCS, Swift), test it, and either save changed settings of the same storage or move every image
// there as a Task. Secrets go to the keychain first; without a keychain service nothing is saved, and the user
// is told why. Never blocks the GUI thread: tests and moves run on worker threads.
class StorageSettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    StorageSettingsDialog(std::shared_ptr<Registry> registry, TaskManager* tasks, QWidget* parent = nullptr);

private:
    void updateButtons();
    void testConnection();
    void apply();
    void startMove(const StorageConfig& target);
    void saveSameLocation(const StorageConfig& target);
    void showResult(bool ok, const QString& message);
    // After the switch the open registry still uses the old store: offer to restart the application.
    void offerRestart(const QString& message, bool mustRestart);
    bool sameLocation(const StorageConfig& config) const;

    std::shared_ptr<Registry> m_registry;
    TaskManager* m_tasks;
    QString m_dataDir;
    StorageConfig m_current;
    StorageConfigForm* m_form = nullptr;
    QLabel* m_currentLabel = nullptr;
    QLabel* m_result = nullptr;
    QCheckBox* m_removeOld = nullptr;
    QPushButton* m_test = nullptr;
    QPushButton* m_apply = nullptr;
};

} // namespace sreg
