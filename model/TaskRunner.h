#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QPointer>
#include <QRunnable>
#include <memory>

namespace sreg {

class Task;
struct TaskRunState;

// Runs one run of a Task's work on a pool thread. Reports reach the task's thread as queued events, at most
// one pending at a time, so a work function may report after every buffer without flooding the event loop.
// The task must outlive the runner: TaskManager only deletes finished tasks and waits for its pool.
class TaskRunner final : public QRunnable
{
public:
    TaskRunner(Task* task, std::shared_ptr<TaskRunState> state);
    ~TaskRunner() override;
    Q_DISABLE_COPY_MOVE(TaskRunner)

    void run() override;

    // Called on the worker thread after each report: queues one update of the task unless one is pending.
    static void postUpdate(Task* task, const std::shared_ptr<TaskRunState>& state);
    // Called on the task's thread when a run ends: records the outcome and emits the task's signals.
    static void finishRun(Task* task, const std::shared_ptr<TaskRunState>& state, const Result<QJsonObject>& result);

private:
    Task* m_task;
    std::shared_ptr<TaskRunState> m_state;
};

} // namespace sreg
