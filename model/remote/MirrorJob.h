#pragma once

#include "common/Result.h"
#include "remote/MirrorPlan.h"

#include <QObject>
#include <QThreadPool>
#include <functional>

namespace sreg {

class RegistrySource;
class Task;
class TaskManager;

// Mirroring a collection between any two sources from the desktop: plan() works out the preview on a worker
// thread (what would be copied and deleted, and how many bytes), run() carries a plan out as a Task whose
// result is the MirrorReport's JSON. Frozen tags are respected as remote::Mirror does.
class MirrorJob final : public QObject
{
    Q_OBJECT

public:
    MirrorJob(RegistrySource* from, RegistrySource* to, QString collection, bool prune, TaskManager* tasks,
              QObject* parent = nullptr);
    ~MirrorJob() override;
    Q_DISABLE_COPY_MOVE(MirrorJob)

    void plan(QObject* context, std::function<void(Result<remote::MirrorPlan>)> done);
    Task* run(const remote::MirrorPlan& plan, int jobs = 3);

private:
    RegistrySource* m_from;
    RegistrySource* m_to;
    QString m_collection;
    bool m_prune;
    TaskManager* m_tasks;
    QThreadPool m_pool;
};

} // namespace sreg
