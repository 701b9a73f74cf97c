#include "TaskModel.h"

#include "Task.h"
#include "TaskManager.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace sreg;

class TaskModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsFollowTheManager();
    void existingTasksAreListed();
};

void TaskModelTest::rowsFollowTheManager()
{
    TaskManager manager;
    TaskModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    auto release = std::make_shared<std::atomic<bool>>(false);
    Task* task = manager.start(new Task(QStringLiteral("upload"), QStringLiteral("Upload a.sif"),
                                        [release](TaskProgress& progress) -> Result<QJsonObject> {
                                            progress.report(50, 200);
                                            while (!release->load())
                                                QThread::msleep(1);
                                            return QJsonObject {};
                                        }));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.taskAt(model.index(0, 0)), task);
    QCOMPARE(model.indexOf(task), model.index(0, 0));
    QCOMPARE(model.index(0, TaskModel::TitleColumn).data().toString(), QStringLiteral("Upload a.sif"));
    QTRY_COMPARE(model.index(0, 0).data(TaskModel::ProgressRole).toInt(), 25);
    QVERIFY(changed.count() >= 1);
    QVERIFY(model.index(0, 0).data(TaskModel::CanCancelRole).toBool());
    QVERIFY(!model.index(0, 0).data(TaskModel::CanRetryRole).toBool());
    QVERIFY(!model.index(0, TaskModel::ProgressColumn).data().toString().isEmpty());

    release->store(true);
    QTRY_COMPARE(model.index(0, 0).data(TaskModel::StateRole).toInt(), int(Task::State::Succeeded));
    QCOMPARE(model.index(0, 0).data(TaskModel::ProgressRole).toInt(), 100);
    QCOMPARE(model.index(0, TaskModel::StateColumn).data().toString(), QStringLiteral("Done"));
    QVERIFY(!model.index(0, 0).data(TaskModel::CanCancelRole).toBool());

    manager.removeFinished();
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 0);
}

void TaskModelTest::existingTasksAreListed()
{
    TaskManager manager;
    Task* failing = manager.start(
        new Task(QStringLiteral("download"), QStringLiteral("d"), [](TaskProgress&) -> Result<QJsonObject> {
            return Error(ErrorCode::Io, QStringLiteral("no space"));
        }));
    QTRY_VERIFY(failing->isFinished());
    TaskModel model(&manager);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.index(0, 0).data(TaskModel::CanRetryRole).toBool());
    QVERIFY(model.index(0, TaskModel::StateColumn).data().toString().contains(QStringLiteral("no space")));
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("no space")));
    for (int c = 0; c < TaskModel::ColumnCount; ++c)
        QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TaskModelTest)
#include "TaskModelTest.moc"
