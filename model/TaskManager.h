#pragma once

// CONTRACT: owns and runs every Task of the application.

#include "Task.h"

#include <QList>
#include <QObject>
#include <QThreadPool>

namespace sreg {

class TaskManager : public QObject
{
    Q_OBJECT

public:
    explicit TaskManager(QObject* parent = nullptr, int maxConcurrent = 3);
    ~TaskManager() override; // cancels running tasks and waits for them

    // Takes ownership and queues the task; runs it when a slot is free.
    Task* start(Task* task);
    // Queues a fresh run of a failed or cancelled task.
    void retry(Task* task);
    void removeFinished();

    QList<Task*> tasks() const;
    int activeCount() const;

Q_SIGNALS:
    void taskAdded(sreg::Task* task);
    void taskRemoved(sreg::Task* task);
    // For the status bar: "2 uploads, 41 %".
    void summaryChanged(const QString& summary);

private:
    // Added: private helpers of the implementation (starting queued tasks, the status-bar summary).
    void schedule();
    void updateSummary();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sreg
