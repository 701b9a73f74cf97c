#pragma once

#include <QDockWidget>

class QToolButton;
class QTreeView;

namespace sreg {

class Task;
class TaskManager;
class TaskModel;

// The Tasks dock: every upload, download, deletion and maintenance run with progress, speed and time left;
// the selected tasks can be cancelled or retried, finished ones cleared.
class TasksDock final : public QDockWidget
{
    Q_OBJECT

public:
    TasksDock(TaskManager* manager, QWidget* parent = nullptr);
    ~TasksDock() override;
    Q_DISABLE_COPY_MOVE(TasksDock)

    TaskModel* model() const;
    QTreeView* view() const;
    QList<Task*> selectedTasks() const;

public Q_SLOTS:
    void cancelSelected();
    void retrySelected();
    void clearFinished();

private:
    void updateButtons();

    TaskManager* m_manager;
    TaskModel* m_model;
    QTreeView* m_view;
    QToolButton* m_cancel;
    QToolButton* m_retry;
    QToolButton* m_clear;
};

} // namespace sreg
