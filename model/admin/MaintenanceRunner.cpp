#include "MaintenanceRunner.h"

#include "TaskManager.h"
#include "registry/RecordJson.h"

namespace sreg {

MaintenanceRunner::MaintenanceRunner(RegistrySource* source, TaskManager* tasks, QObject* parent)
    : QObject(parent), m_source(source), m_tasks(tasks)
{
}

void MaintenanceRunner::collectGarbage(bool dryRun)
{
    if (isRunning() || !m_source)
        return Q_EMIT busy();
    watch(
        m_source->collectGarbage(dryRun),
        [this](const QJsonObject& result) { Q_EMIT gcFinished(RecordJson::gcReportFromJson(result)); },
        dryRun ? tr("The garbage collection preview") : tr("The garbage collection"));
}

void MaintenanceRunner::verify()
{
    if (isRunning() || !m_source)
        return Q_EMIT busy();
    watch(
        m_source->verify(),
        [this](const QJsonObject& result) { Q_EMIT verifyFinished(RecordJson::verifyReportFromJson(result)); },
        tr("The verification"));
}

void MaintenanceRunner::watch(Task* task, const std::function<void(const QJsonObject&)>& onResult, const QString& what)
{
    if (!task)
        return Q_EMIT failed(tr("%1 could not start").arg(what));
    m_running = task;
    connect(task, &Task::finished, this, [this, task, onResult, what](bool succeeded) {
        if (task != m_running)
            return;
        m_running = nullptr;
        Q_EMIT runningChanged(false);
        if (succeeded)
            onResult(task->result());
        else if (task->state() == Task::State::Cancelled)
            Q_EMIT failed(tr("%1 was cancelled").arg(what));
        else
            Q_EMIT failed(tr("%1 failed: %2").arg(what, task->errorMessage()));
    });
    // The contract leaves it to the source whether its Tasks are already queued; start what is not.
    if (m_tasks && !m_tasks->tasks().contains(task))
        m_tasks->start(task);
    Q_EMIT runningChanged(true);
    Q_EMIT started(task);
}

} // namespace sreg
