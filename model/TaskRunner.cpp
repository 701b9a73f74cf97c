#include "TaskRunner.h"

#include "TaskPrivate.h"

#include <QDateTime>
#include <QMetaObject>
#include <exception>

namespace sreg {

namespace {

class RunnerProgress final : public TaskProgress
{
public:
    RunnerProgress(Task* task, std::shared_ptr<TaskRunState> state) : m_task(task), m_state(std::move(state)) { }

    bool report(qint64 done, qint64 total) override
    {
        m_state->done.store(done);
        m_state->total.store(total);
        post();
        return !m_state->cancelled.load();
    }

    bool isCancelled() const override { return m_state->cancelled.load(); }

    void setStatusText(const QString& text) override
    {
        {
            QMutexLocker lock(&m_state->mutex);
            m_state->statusText = text;
            m_state->statusTextChanged = true;
        }
        post();
    }

private:
    void post() { TaskRunner::postUpdate(m_task, m_state); }

    Task* m_task;
    std::shared_ptr<TaskRunState> m_state;
};

} // namespace

TaskRunner::TaskRunner(Task* task, std::shared_ptr<TaskRunState> state) : m_task(task), m_state(std::move(state))
{
    setAutoDelete(true);
}

TaskRunner::~TaskRunner() = default;

void TaskRunner::run()
{
    RunnerProgress progress(m_task, m_state);
    Result<QJsonObject> result = Error(ErrorCode::Internal, QStringLiteral("the task did not run"));
    if (m_state->cancelled.load()) {
        result = Error(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    } else {
        // The engine reports failures as Results; an exception here is a bug, but it must not take the
        // application down with it.
        try {
            result = m_task->d->work(progress);
        } catch (const std::exception& e) {
            result = Error(ErrorCode::Internal, QString::fromLocal8Bit(e.what()));
        } catch (...) {
            result = Error(ErrorCode::Internal, QStringLiteral("unexpected exception"));
        }
    }
    Task* task = m_task;
    std::shared_ptr<TaskRunState> state = m_state;
    QMetaObject::invokeMethod(
        task, [task, state, result] { finishRun(task, state, result); }, Qt::QueuedConnection);
    // Nothing may touch the task after this point: once finished, its owner may delete it.
}

void TaskRunner::postUpdate(Task* task, const std::shared_ptr<TaskRunState>& state)
{
    if (state->updatePosted.exchange(true))
        return;
    QMetaObject::invokeMethod(
        task,
        [task, state] {
            // A late update of an earlier run (the task was retried meanwhile) is ignored.
            if (task->d->run == state)
                task->d->applyRunUpdate(task);
        },
        Qt::QueuedConnection);
}

void TaskRunner::finishRun(Task* task, const std::shared_ptr<TaskRunState>& state, const Result<QJsonObject>& result)
{
    Task::Private& d = *task->d;
    if (d.run != state)
        return;
    d.applyRunUpdate(task);
    d.run.reset();
    d.finishedAt = QDateTime::currentMSecsSinceEpoch();
    if (result) {
        d.result = *result;
        d.errorMessage.clear();
        if (d.total > 0 && d.done != d.total) {
            d.done = d.total;
            Q_EMIT task->progressChanged(d.done, d.total);
        }
        d.setState(task, Task::State::Succeeded);
    } else if (result.error().code() == ErrorCode::Cancelled || state->cancelled.load()) {
        d.errorMessage = result.error().message();
        d.setState(task, Task::State::Cancelled);
    } else {
        d.errorMessage = result.error().message();
        d.setState(task, Task::State::Failed);
    }
    if (!d.statusText.isEmpty()) {
        d.statusText.clear();
        Q_EMIT task->statusTextChanged(d.statusText);
    }
    Q_EMIT task->finished(d.state == Task::State::Succeeded);
}

} // namespace sreg
