#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace sreg {

class Task;
class TaskManager;

// The Tasks dock: one row per task of a TaskManager, newest last. Speed and ETA are refreshed once a second
// while something runs, since they change even when no progress arrives (a stalled transfer).
class TaskModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        ProgressColumn,
        SpeedColumn,
        EtaColumn,
        StateColumn,
        ColumnCount
    };
    enum Role
    {
        TaskRole = Qt::UserRole + 1, // Task* as QObject*
        ProgressRole, // 0..100, or -1 when unknown
        StateRole, // Task::State as int
        CanCancelRole,
        CanRetryRole,
    };

    explicit TaskModel(TaskManager* manager, QObject* parent = nullptr);
    ~TaskModel() override;
    Q_DISABLE_COPY_MOVE(TaskModel)

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Task* taskAt(const QModelIndex& index) const;
    QModelIndex indexOf(Task* task, int column = 0) const;

private:
    void addTask(Task* task);
    void removeTask(Task* task);
    void taskChanged(Task* task);
    void refreshRunning();
    QString stateText(const Task* task) const;

    QPointer<TaskManager> m_manager;
    QList<Task*> m_tasks;
    QTimer m_ticker;
};

} // namespace sreg
