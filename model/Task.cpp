#include "Task.h"

#include "TaskPrivate.h"

#include <QDateTime>

namespace sreg {

namespace {
// Speed is averaged over this window: long enough to smooth bursty disk writes, short enough to follow a
// transfer that slows down.
constexpr qint64 SpeedWindowMs = 5000;
} // namespace

Task::Task(QString kind, QString title, Work work, QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->kind = std::move(kind);
    d->title = std::move(title);
    d->work = std::move(work);
    d->clock.start();
}

Task::~Task() = default;

QString Task::kind() const
{
    return d->kind;
}

QString Task::title() const
{
    return d->title;
}

Task::State Task::state() const
{
    return d->state;
}

qint64 Task::done() const
{
    return d->done;
}

qint64 Task::total() const
{
    return d->total;
}

double Task::bytesPerSecond() const
{
    if (d->state != State::Running || d->samples.size() < 2)
        return 0.0;
    const auto& first = d->samples.constFirst();
    const auto& last = d->samples.constLast();
    const qint64 elapsed = last.first - first.first;
    // Below a fifth of a second the figure is mostly noise.
    if (elapsed < 200)
        return 0.0;
    return double(last.second - first.second) * 1000.0 / double(elapsed);
}

qint64 Task::etaSeconds() const
{
    const double speed = bytesPerSecond();
    if (d->total < 0 || speed <= 0.0)
        return -1;
    return qint64(double(qMax<qint64>(0, d->total - d->done)) / speed + 0.5);
}

QString Task::statusText() const
{
    return d->statusText;
}

QString Task::errorMessage() const
{
    return d->errorMessage;
}

QJsonObject Task::result() const
{
    return d->result;
}

qint64 Task::startedAt() const
{
    return d->startedAt;
}

qint64 Task::finishedAt() const
{
    return d->finishedAt;
}

bool Task::isFinished() const
{
    return d->state == State::Succeeded || d->state == State::Failed || d->state == State::Cancelled;
}

void Task::cancel()
{
    switch (d->state) {
    case State::Queued:
        // Never started: nothing to interrupt, it simply ends here (the manager drops it from its queue).
        d->finishedAt = QDateTime::currentMSecsSinceEpoch();
        d->setState(this, State::Cancelled);
        Q_EMIT finished(false);
        break;
    case State::Running:
        if (d->run && !d->run->cancelled.exchange(true)) {
            d->statusText = tr("Cancelling…");
            Q_EMIT statusTextChanged(d->statusText);
        }
        break;
    case State::Succeeded:
    case State::Failed:
    case State::Cancelled:
        break;
    }
}

void Task::Private::setState(Task* task, State newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT task->stateChanged(newState);
}

void Task::Private::recordSample(qint64 doneNow)
{
    const qint64 now = clock.elapsed();
    samples.append({ now, doneNow });
    // Keep the oldest sample inside the window plus one before it, so the window is always covered.
    while (samples.size() > 2 && now - samples.at(1).first > SpeedWindowMs)
        samples.removeFirst();
}

void Task::Private::applyRunUpdate(Task* task)
{
    if (!run)
        return;
    run->updatePosted.store(false);
    const qint64 newDone = run->done.load();
    const qint64 newTotal = run->total.load();
    QString newStatus;
    bool statusChanged = false;
    {
        QMutexLocker lock(&run->mutex);
        statusChanged = run->statusTextChanged;
        run->statusTextChanged = false;
        newStatus = run->statusText;
    }
    if (statusChanged && newStatus != statusText) {
        statusText = newStatus;
        Q_EMIT task->statusTextChanged(statusText);
    }
    if (newDone != done || newTotal != total) {
        done = newDone;
        total = newTotal;
        recordSample(done);
        Q_EMIT task->progressChanged(done, total);
    }
}

} // namespace sreg
