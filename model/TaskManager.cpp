#include "TaskManager.h"

#include "TaskPrivate.h"
#include "TaskRunner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>

namespace sreg {

struct TaskManager::Private
{
    QThreadPool pool;
    QList<Task*> tasks; // every task, in the order it was started
    QList<Task*> queue; // waiting for a free slot
    QList<Task*> running;
    int maxConcurrent = 3;
    QString lastSummary;
};

namespace {

QString kindNoun(const QString& kind, int count)
{
    // The plural forms come from the translation files (%n), the kind names from the engine's vocabulary.
    if (kind == u"upload")
        return QCoreApplication::translate("sreg::TaskManager", "%n upload(s)", nullptr, count);
    if (kind == u"download")
        return QCoreApplication::translate("sreg::TaskManager", "%n download(s)", nullptr, count);
    if (kind == u"delete")
        return QCoreApplication::translate("sreg::TaskManager", "%n deletion(s)", nullptr, count);
    if (kind == u"transfer")
        return QCoreApplication::translate("sreg::TaskManager", "%n transfer(s)", nullptr, count);
    if (kind == u"export")
        return QCoreApplication::translate("sreg::TaskManager", "%n export(s)", nullptr, count);
    return QCoreApplication::translate("sreg::TaskManager", "%n task(s)", nullptr, count);
}

} // namespace

TaskManager::TaskManager(QObject* parent, int maxConcurrent) : QObject(parent), d(std::make_unique<Private>())
{
    d->maxConcurrent = qMax(1, maxConcurrent);
    d->pool.setMaxThreadCount(d->maxConcurrent);
    // Threads are kept: each one holds its own database connection, which is worth reusing.
    d->pool.setExpiryTimeout(-1);
}

TaskManager::~TaskManager()
{
    for (Task* task : std::as_const(d->running)) {
        if (task->d->run)
            task->d->run->cancelled.store(true);
    }
    d->queue.clear();
    d->pool.waitForDone();
}

Task* TaskManager::start(Task* task)
{
    if (!task)
        return nullptr;
    task->setParent(this);
    d->tasks.append(task);
    connect(task, &Task::progressChanged, this, [this] { updateSummary(); });
    connect(task, &Task::finished, this, [this, task] {
        d->queue.removeOne(task);
        d->running.removeOne(task);
        schedule();
        updateSummary();
    });
    Q_EMIT taskAdded(task);
    d->queue.append(task);
    schedule();
    updateSummary();
    return task;
}

void TaskManager::retry(Task* task)
{
    if (!task || !d->tasks.contains(task))
        return;
    if (task->state() != Task::State::Failed && task->state() != Task::State::Cancelled)
        return;
    Task::Private& t = *task->d;
    t.done = 0;
    t.total = -1;
    t.errorMessage.clear();
    t.result = {};
    t.startedAt = 0;
    t.finishedAt = 0;
    t.samples.clear();
    t.setState(task, Task::State::Queued);
    Q_EMIT task->progressChanged(0, -1);
    d->queue.append(task);
    schedule();
    updateSummary();
}

void TaskManager::removeFinished()
{
    const QList<Task*> all = d->tasks;
    for (Task* task : all) {
        if (!task->isFinished())
            continue;
        d->tasks.removeOne(task);
        Q_EMIT taskRemoved(task);
        delete task;
    }
    updateSummary();
}

QList<Task*> TaskManager::tasks() const
{
    return d->tasks;
}

int TaskManager::activeCount() const
{
    return int(d->queue.size() + d->running.size());
}

void TaskManager::schedule()
{
    while (d->running.size() < d->maxConcurrent && !d->queue.isEmpty()) {
        Task* task = d->queue.takeFirst();
        if (task->state() != Task::State::Queued)
            continue;
        Task::Private& t = *task->d;
        t.run = std::make_shared<TaskRunState>();
        t.startedAt = QDateTime::currentMSecsSinceEpoch();
        t.samples.clear();
        t.recordSample(0);
        d->running.append(task);
        t.setState(task, Task::State::Running);
        d->pool.start(new TaskRunner(task, t.run));
    }
}

void TaskManager::updateSummary()
{
    QString summary;
    const int active = activeCount();
    if (active > 0) {
        QHash<QString, int> byKind;
        qint64 done = 0;
        qint64 total = 0;
        bool totalKnown = true;
        for (Task* task : std::as_const(d->tasks)) {
            if (task->isFinished())
                continue;
            ++byKind[task->kind()];
            if (task->total() < 0) {
                totalKnown = task->state() == Task::State::Queued ? totalKnown : false;
                continue;
            }
            done += task->done();
            total += task->total();
        }
        QStringList parts;
        QStringList kinds = byKind.keys();
        kinds.sort();
        for (const QString& kind : std::as_const(kinds))
            parts.append(kindNoun(kind, byKind.value(kind)));
        summary = parts.join(QStringLiteral(", "));
        if (totalKnown && total > 0)
            summary += tr(", %1 %").arg(int(done * 100 / total));
    }
    if (summary != d->lastSummary) {
        d->lastSummary = summary;
        Q_EMIT summaryChanged(summary);
    }
}

} // namespace sreg
