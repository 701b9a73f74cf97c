#pragma once

#include <QDialog>
#include <QList>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace sreg {

class MirrorJob;
class MirrorPlanModel;
class RegistrySource;
class Task;
class TaskManager;

// "Mirror Collection…": a collection of one registry made the same in another. Preview shows what would be
// copied, frozen and deleted (with --prune's "delete what the source no longer has"), and how many bytes may
// travel; Mirror runs exactly that preview as a task.
class MirrorDialog final : public QDialog
{
    Q_OBJECT

public:
    MirrorDialog(const QList<RegistrySource*>& sources, RegistrySource* from, const QString& collection,
                 TaskManager* tasks, QWidget* parent = nullptr);
    ~MirrorDialog() override;

    // For tests.
    void choose(RegistrySource* from, const QString& collection, RegistrySource* to, bool prune);
    MirrorPlanModel* planModel() const { return m_model; }
    Task* startedTask() const { return m_task; }

public Q_SLOTS:
    void preview();
    void mirror();

Q_SIGNALS:
    void previewed(bool ok);
    void started(sreg::Task* task);

private:
    RegistrySource* sourceAt(const QComboBox* combo) const;
    void selectionChanged();

    QList<RegistrySource*> m_sources;
    TaskManager* m_tasks;
    QComboBox* m_from;
    QComboBox* m_collection;
    QComboBox* m_to;
    QCheckBox* m_prune;
    QPushButton* m_preview;
    QPushButton* m_run;
    QTableView* m_table;
    QLabel* m_summary;
    MirrorPlanModel* m_model;
    std::unique_ptr<MirrorJob> m_job;
    Task* m_task = nullptr;
};

} // namespace sreg
