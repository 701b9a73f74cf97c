#include "TaskManager.h"

#include "Task.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace sreg;

class TaskManagerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void succeedsWithProgressAndResult();
    void failsThenRetrySucceeds();
    void cancelRunningTask();
    void cancelQueuedTaskNeverRuns();
    void respectsConcurrencyLimit();
    void speedAndEtaWhileRunning();
    void summaryAndRemoveFinished();
    void statusTextReachesTheTask();
    void destructorCancelsAndWaits();
};

void TaskManagerTest::succeedsWithProgressAndResult()
{
    TaskManager manager;
    auto* task = new Task(QStringLiteral("upload"), QStringLiteral("Upload a"),
                          [](TaskProgress& progress) -> Result<QJsonObject> {
                              for (int i = 1; i <= 10; ++i)
                                  progress.report(i * 100, 1000);
                              return QJsonObject { { QStringLiteral("ok"), true } };
                          });
    QSignalSpy states(task, &Task::stateChanged);
    QSignalSpy progress(task, &Task::progressChanged);
    QSignalSpy finished(task, &Task::finished);
    QSignalSpy added(&manager, &TaskManager::taskAdded);
    QCOMPARE(manager.start(task), task);
    QCOMPARE(added.count(), 1);
    QCOMPARE(task->parent(), &manager);
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(task->state(), Task::State::Succeeded);
    QCOMPARE(task->result().value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(task->done(), 1000);
    QCOMPARE(task->total(), 1000);
    QVERIFY(progress.count() >= 1); // coalesced: not necessarily one per report
    QCOMPARE(states.first().at(0).value<Task::State>(), Task::State::Running);
    QCOMPARE(states.last().at(0).value<Task::State>(), Task::State::Succeeded);
    QVERIFY(task->startedAt() > 0);
    QVERIFY(task->finishedAt() >= task->startedAt());
    QVERIFY(task->isFinished());
    QCOMPARE(manager.activeCount(), 0);
}

void TaskManagerTest::failsThenRetrySucceeds()
{
    TaskManager manager;
    auto runs = std::make_shared<std::atomic<int>>(0);
    auto* task
        = new Task(QStringLiteral("upload"), QStringLiteral("flaky"), [runs](TaskProgress&) -> Result<QJsonObject> {
              if (runs->fetch_add(1) == 0)
                  return Error(ErrorCode::Io, QStringLiteral("disk full"));
              return QJsonObject {};
          });
    QSignalSpy finished(task, &Task::finished);
    manager.start(task);
    QVERIFY(finished.wait(5000));
    QCOMPARE(task->state(), Task::State::Failed);
    QCOMPARE(task->errorMessage(), QStringLiteral("disk full"));

    QSignalSpy states(task, &Task::stateChanged);
    manager.retry(task);
    QVERIFY(finished.wait(5000));
    QCOMPARE(task->state(), Task::State::Succeeded);
    QVERIFY(task->errorMessage().isEmpty());
    QCOMPARE(runs->load(), 2);
    QCOMPARE(states.first().at(0).value<Task::State>(), Task::State::Queued);

    // A succeeded task is not retried.
    manager.retry(task);
    QCOMPARE(task->state(), Task::State::Succeeded);
}

void TaskManagerTest::cancelRunningTask()
{
    TaskManager manager;
    auto started = std::make_shared<std::atomic<bool>>(false);
    auto* task = new Task(QStringLiteral("download"), QStringLiteral("slow"),
                          [started](TaskProgress& progress) -> Result<QJsonObject> {
                              started->store(true);
                              for (qint64 i = 0;; ++i) {
                                  if (!progress.report(i, -1))
                                      return Error(ErrorCode::Cancelled, QStringLiteral("stopped"));
                                  QThread::msleep(2);
                              }
                          });
    QSignalSpy finished(task, &Task::finished);
    manager.start(task);
    QTRY_VERIFY(started->load());
    QCOMPARE(task->state(), Task::State::Running);
    task->cancel();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(task->state(), Task::State::Cancelled);
}

void TaskManagerTest::cancelQueuedTaskNeverRuns()
{
    TaskManager manager(nullptr, 1);
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto secondRan = std::make_shared<std::atomic<bool>>(false);
    auto* first
        = new Task(QStringLiteral("x"), QStringLiteral("blocker"), [release](TaskProgress&) -> Result<QJsonObject> {
              while (!release->load())
                  QThread::msleep(1);
              return QJsonObject {};
          });
    auto* second
        = new Task(QStringLiteral("x"), QStringLiteral("queued"), [secondRan](TaskProgress&) -> Result<QJsonObject> {
              secondRan->store(true);
              return QJsonObject {};
          });
    manager.start(first);
    manager.start(second);
    QCOMPARE(second->state(), Task::State::Queued);
    QCOMPARE(manager.activeCount(), 2);
    QSignalSpy secondFinished(second, &Task::finished);
    second->cancel();
    QCOMPARE(second->state(), Task::State::Cancelled);
    QCOMPARE(secondFinished.count(), 1);
    QCOMPARE(manager.activeCount(), 1);
    QSignalSpy firstFinished(first, &Task::finished);
    release->store(true);
    QVERIFY(firstFinished.wait(5000));
    QTest::qWait(50);
    QVERIFY(!secondRan->load());

    // Retrying the cancelled one runs it.
    manager.retry(second);
    QVERIFY(secondFinished.wait(5000));
    QVERIFY(secondRan->load());
}

void TaskManagerTest::respectsConcurrencyLimit()
{
    TaskManager manager(nullptr, 2);
    auto running = std::make_shared<std::atomic<int>>(0);
    auto peak = std::make_shared<std::atomic<int>>(0);
    QList<Task*> tasks;
    for (int i = 0; i < 6; ++i) {
        tasks.append(manager.start(
            new Task(QStringLiteral("x"), QString::number(i), [running, peak](TaskProgress&) -> Result<QJsonObject> {
                const int now = running->fetch_add(1) + 1;
                int seen = peak->load();
                while (now > seen && !peak->compare_exchange_weak(seen, now)) { }
                QThread::msleep(30);
                running->fetch_sub(1);
                return QJsonObject {};
            })));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(tasks.begin(), tasks.end(), [](Task* t) { return t->isFinished(); }), 10000);
    QCOMPARE(peak->load(), 2);
}

void TaskManagerTest::speedAndEtaWhileRunning()
{
    TaskManager manager;
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto* task = new Task(QStringLiteral("upload"), QStringLiteral("steady"),
                          [release](TaskProgress& progress) -> Result<QJsonObject> {
                              const qint64 total = 100 * 1000 * 1000;
                              qint64 done = 0;
                              while (!release->load()) {
                                  done = qMin(total - 1, done + 100000);
                                  progress.report(done, total);
                                  QThread::msleep(5);
                              }
                              return QJsonObject {};
                          });
    manager.start(task);
    QTRY_VERIFY_WITH_TIMEOUT(task->bytesPerSecond() > 0.0, 5000);
    QVERIFY(task->etaSeconds() >= 0);
    release->store(true);
    QTRY_VERIFY(task->isFinished());
    QCOMPARE(task->bytesPerSecond(), 0.0); // only running tasks have a speed
    QCOMPARE(task->etaSeconds(), -1);
}

void TaskManagerTest::summaryAndRemoveFinished()
{
    TaskManager manager;
    QSignalSpy summary(&manager, &TaskManager::summaryChanged);
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto* task = new Task(QStringLiteral("upload"), QStringLiteral("u"),
                          [release](TaskProgress& progress) -> Result<QJsonObject> {
                              progress.report(41, 100);
                              while (!release->load())
                                  QThread::msleep(1);
                              return QJsonObject {};
                          });
    manager.start(task);
    QTRY_COMPARE(task->done(), 41);
    QVERIFY(summary.count() >= 1);
    const QString text = summary.last().at(0).toString();
    QVERIFY2(text.contains(QStringLiteral("1 upload")) && text.contains(QStringLiteral("41 %")), qPrintable(text));
    release->store(true);
    QTRY_VERIFY(task->isFinished());
    QTRY_VERIFY(summary.last().at(0).toString().isEmpty());

    QSignalSpy removed(&manager, &TaskManager::taskRemoved);
    manager.removeFinished();
    QCOMPARE(removed.count(), 1);
    QVERIFY(manager.tasks().isEmpty());
}

void TaskManagerTest::statusTextReachesTheTask()
{
    TaskManager manager;
    auto release = std::make_shared<std::atomic<bool>>(false);
    auto* task = new Task(QStringLiteral("gc"), QStringLiteral("gc"),
                          [release](TaskProgress& progress) -> Result<QJsonObject> {
                              progress.setStatusText(QStringLiteral("Scanning blobs"));
                              while (!release->load())
                                  QThread::msleep(1);
                              return QJsonObject {};
                          });
    QSignalSpy status(task, &Task::statusTextChanged);
    manager.start(task);
    QTRY_COMPARE(task->statusText(), QStringLiteral("Scanning blobs"));
    QCOMPARE(status.count(), 1);
    release->store(true);
    QTRY_VERIFY(task->isFinished());
}

void TaskManagerTest::destructorCancelsAndWaits()
{
    auto observedCancel = std::make_shared<std::atomic<bool>>(false);
    {
        TaskManager manager;
        auto started = std::make_shared<std::atomic<bool>>(false);
        manager.start(new Task(QStringLiteral("x"), QStringLiteral("endless"),
                               [started, observedCancel](TaskProgress& progress) -> Result<QJsonObject> {
                                   started->store(true);
                                   while (!progress.isCancelled())
                                       QThread::msleep(1);
                                   observedCancel->store(true);
                                   return Error(ErrorCode::Cancelled, QStringLiteral("bye"));
                               }));
        QTRY_VERIFY(started->load());
    }
    QVERIFY(observedCancel->load());
}

QTEST_GUILESS_MAIN(TaskManagerTest)
#include "TaskManagerTest.moc"
