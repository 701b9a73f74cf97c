#include "MirrorJob.h"

#include "RegistrySource.h"
#include "SourceEndpoints.h"
#include "Task.h"
#include "TaskManager.h"
#include "remote/Mirror.h"
#include "remote/TransferEndpoint.h"

#include <QPointer>

namespace sreg {

MirrorJob::MirrorJob(RegistrySource* from, RegistrySource* to, QString collection, bool prune, TaskManager* tasks,
                     QObject* parent)
    : QObject(parent)
    , m_from(from)
    , m_to(to)
    , m_collection(std::move(collection))
    , m_prune(prune)
    , m_tasks(tasks)
{
    m_pool.setMaxThreadCount(1);
}

MirrorJob::~MirrorJob()
{
    m_pool.waitForDone();
}

void MirrorJob::plan(QObject* context, std::function<void(Result<remote::MirrorPlan>)> done)
{
    const std::optional<SourceEndpoints::Handle> from = SourceEndpoints::handleOf(m_from);
    const std::optional<SourceEndpoints::Handle> to = SourceEndpoints::handleOf(m_to);
    QPointer<QObject> guard(context);
    if (!from || !to) {
        QMetaObject::invokeMethod(
            context ? context : this, [done] { done(Error(ErrorCode::InvalidArgument, tr("These registries cannot be mirrored."))); },
            Qt::QueuedConnection);
        return;
    }
    m_pool.start([from = *from, to = *to, collection = m_collection, prune = m_prune, guard, done] {
        const Result<remote::MirrorPlan> plan = [&]() -> Result<remote::MirrorPlan> {
            Result<std::unique_ptr<remote::TransferEndpoint>> source = SourceEndpoints::open(from);
            if (!source)
                return source.error();
            Result<std::unique_ptr<remote::TransferEndpoint>> target = SourceEndpoints::open(to);
            if (!target)
                return target.error();
            return remote::Mirror(**source, **target, { collection, prune, 1 }).plan();
        }();
        if (QObject* context = guard.data())
            QMetaObject::invokeMethod(context, [done, plan] { done(plan); }, Qt::QueuedConnection);
    });
}

Task* MirrorJob::run(const remote::MirrorPlan& plan, int jobs)
{
    const std::optional<SourceEndpoints::Handle> from = SourceEndpoints::handleOf(m_from);
    const std::optional<SourceEndpoints::Handle> to = SourceEndpoints::handleOf(m_to);
    if (!from || !to || !m_tasks)
        return nullptr;
    auto* task = new Task(
        QStringLiteral("mirror"), tr("Mirror %1 from %2 to %3").arg(m_collection, from->name, to->name),
        [from = *from, to = *to, plan, jobs, prune = m_prune](TaskProgress& progress) -> Result<QJsonObject> {
            Result<std::unique_ptr<remote::TransferEndpoint>> source = SourceEndpoints::open(from);
            if (!source)
                return source.error();
            Result<std::unique_ptr<remote::TransferEndpoint>> target = SourceEndpoints::open(to);
            if (!target)
                return target.error();
            remote::Mirror mirror(**source, **target, { plan.collection, prune, jobs });
            Result<remote::MirrorReport> report = mirror.run(
                plan, [&progress](qint64 done, qint64 total) { return progress.report(done, total); },
                [&progress](const QString& line) { progress.setStatusText(line); });
            if (!report)
                return report.error();
            if (!report->ok())
                return Error(ErrorCode::Io, report->failures.join(u'\n'));
            return report->toJson();
        });
    QPointer<RegistrySource> toGuard(m_to);
    connect(task, &Task::finished, task, [toGuard, collection = m_collection](bool) {
        if (toGuard) {
            Q_EMIT toGuard->collectionChanged(collection);
            Q_EMIT toGuard->collectionChanged(QString());
        }
    });
    return m_tasks->start(task);
}

} // namespace sreg
