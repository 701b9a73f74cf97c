#pragma once

#include "RegistrySource.h"
#include "Task.h"
#include "registry/MaintenanceService.h"

#include <QObject>
#include <QPointer>

namespace sreg {

class TaskManager;

// Runs garbage collection and verification as Tasks (so the Tasks dock lists them, with cancel) and turns the
// Tasks' JSON results back into reports for the Storage page.
class MaintenanceRunner final : public QObject
{
    Q_OBJECT

public:
    // tasks: where a Task the source returns unstarted is started; may be null when the source starts its own.
    MaintenanceRunner(RegistrySource* source, TaskManager* tasks, QObject* parent = nullptr);

    bool isRunning() const { return !m_running.isNull(); }
    Task* runningTask() const { return m_running; }

public Q_SLOTS:
    // One at a time: a request while a task runs is refused with busy().
    void collectGarbage(bool dryRun);
    void verify();

Q_SIGNALS:
    void started(sreg::Task* task);
    void busy();
    void gcFinished(const sreg::GcReport& report);
    void verifyFinished(const sreg::VerifyReport& report);
    void failed(const QString& message);
    void runningChanged(bool running);

private:
    void watch(Task* task, const std::function<void(const QJsonObject&)>& onResult, const QString& what);

    QPointer<RegistrySource> m_source;
    QPointer<TaskManager> m_tasks;
    QPointer<Task> m_running;
};

} // namespace sreg
