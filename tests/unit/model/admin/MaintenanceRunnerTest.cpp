#include "admin/MaintenanceRunner.h"

#include "FakeRegistrySource.h"
#include "TaskManager.h"

#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class MaintenanceRunnerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dryRunThenRun()
    {
        TaskManager tasks;
        test::FakeRegistrySource source(&tasks);
        source.addOrphanBlob(1000);
        source.addOrphanBlob(24);
        MaintenanceRunner runner(&source, &tasks);
        QSignalSpy gc(&runner, &MaintenanceRunner::gcFinished);
        QSignalSpy busy(&runner, &MaintenanceRunner::busy);
        QSignalSpy started(&runner, &MaintenanceRunner::started);

        runner.collectGarbage(true);
        QVERIFY(runner.isRunning());
        QCOMPARE(started.count(), 1);
        runner.verify(); // one at a time
        QCOMPARE(busy.count(), 1);
        QVERIFY(gc.wait());
        const GcReport preview = gc.first().first().value<GcReport>();
        QVERIFY(preview.dryRun);
        QCOMPARE(preview.blobs.size(), 2);
        QCOMPARE(preview.bytes, 1024);
        QVERIFY(!runner.isRunning());

        runner.collectGarbage(false);
        QVERIFY(gc.wait());
        const GcReport done = gc.last().first().value<GcReport>();
        QVERIFY(!done.dryRun);
        QCOMPARE(done.bytes, 1024);

        runner.collectGarbage(true);
        QVERIFY(gc.wait());
        QCOMPARE(gc.last().first().value<GcReport>().blobs.size(), 0);
    }

    void startsTasksTheSourceLeftUnstarted()
    {
        TaskManager tasks;
        test::FakeRegistrySource source; // returns Tasks without starting them
        MaintenanceRunner runner(&source, &tasks);
        QSignalSpy verified(&runner, &MaintenanceRunner::verifyFinished);
        runner.verify();
        QVERIFY(verified.wait());
        QVERIFY(verified.first().first().value<VerifyReport>().ok());
        QCOMPARE(tasks.tasks().size(), 1);
    }
};

QTEST_GUILESS_MAIN(MaintenanceRunnerTest)
#include "MaintenanceRunnerTest.moc"
