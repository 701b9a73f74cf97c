#pragma once

// CONTRACT: one piece of long work (upload, download, delete, GC, verify, transfer) as the Tasks dock shows it.

#include "common/Result.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>

namespace sreg {

// A Task runs its work function on a worker thread (TaskManager's pool). The work reports progress through
// the TaskProgress it is given and checks cancellation there; signals reach the GUI thread queued. A failed or
// cancelled task can be retried: the same work runs again from the start (work that can resume, such as
// transfers, resumes by itself).
class TaskProgress
{
public:
    virtual ~TaskProgress() = default;
    // Bytes (or items) done of total; total < 0 when unknown. Returns false when the task was cancelled.
    virtual bool report(qint64 done, qint64 total) = 0;
    virtual bool isCancelled() const = 0;
    virtual void setStatusText(const QString& text) = 0;
};

class Task : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Queued,
        Running,
        Succeeded,
        Failed,
        Cancelled,
    };
    Q_ENUM(State)

    // The work returns a JSON result (may be empty) or an Error.
    using Work = std::function<Result<QJsonObject>(TaskProgress& progress)>;

    Task(QString kind, QString title, Work work, QObject* parent = nullptr);
    ~Task() override;

    QString kind() const; // "upload", "download", "delete", "gc", "verify", "transfer", ...
    QString title() const; // "Upload lolcow.sif to lab/lolcow:latest"
    State state() const;
    qint64 done() const;
    qint64 total() const;
    double bytesPerSecond() const; // over the last few seconds
    qint64 etaSeconds() const; // -1 when unknown
    QString statusText() const;
    QString errorMessage() const;
    QJsonObject result() const;
    qint64 startedAt() const; // ms since epoch, 0 before it starts
    qint64 finishedAt() const;
    bool isFinished() const;

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    void stateChanged(sreg::Task::State state);
    void progressChanged(qint64 done, qint64 total);
    void statusTextChanged(const QString& text);
    void finished(bool succeeded);

private:
    friend class TaskManager;
    friend class TaskRunner;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sreg
