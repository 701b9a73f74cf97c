#pragma once

// Task's private data, shared with TaskRunner and TaskManager (the friends Task.h names); not part of the API.

#include "Task.h"

#include <QList>
#include <QMutex>
#include <QPair>
#include <atomic>
#include <memory>

namespace sreg {

// What one run of a task shares between the worker thread and the task's own thread. A fresh one per run,
// so that a retry can never be confused by a late update of the previous run.
struct TaskRunState
{
    std::atomic<bool> cancelled { false };
    std::atomic<qint64> done { 0 };
    std::atomic<qint64> total { -1 };
    // Set while an update is posted to the task's thread and not yet applied: coalesces fast reports into
    // at most one queued event, however often the work reports.
    std::atomic<bool> updatePosted { false };
    QMutex mutex;
    QString statusText; // guarded by mutex
    bool statusTextChanged = false; // guarded by mutex
};

struct Task::Private
{
    QString kind;
    QString title;
    Work work;
    State state = State::Queued;
    qint64 done = 0;
    qint64 total = -1;
    QString statusText;
    QString errorMessage;
    QJsonObject result;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    std::shared_ptr<TaskRunState> run;
    // (ms since the clock started, done) over the last few seconds, for the speed.
    QList<QPair<qint64, qint64>> samples;
    QElapsedTimer clock;

    void setState(Task* task, State newState);
    // Applies what the worker reported since the last call (runs on the task's thread).
    void applyRunUpdate(Task* task);
    void recordSample(qint64 doneNow);
};

} // namespace sreg
