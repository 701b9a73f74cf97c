#include "admin/AuditModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class AuditModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pagesWithFetchMore()
    {
        test::FakeRegistrySource source;
        source.addAuditEvents(450, QStringLiteral("alice"), QStringLiteral("image.push"), QStringLiteral("ok"));
        // No model tester here: it calls fetchMore() on every change and would read all pages at once.
        AuditModel model(&source);
        model.setPageSize(200);
        QSignalSpy inserted(&model, &AuditModel::rowsInserted);
        model.setFilter({});
        QTRY_COMPARE(model.rowCount(), 200);
        QCOMPARE(inserted.count(), 1);
        QVERIFY(model.hasMore());
        QVERIFY(model.canFetchMore({}));
        // Newest first.
        QVERIFY(model.event(0).id > model.event(199).id);

        model.fetchMore({});
        QVERIFY(model.isFetching());
        QVERIFY(!model.canFetchMore({})); // one page in flight at a time
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 400);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 450);
        QTRY_VERIFY(!model.isFetching());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(source.callCount(QStringLiteral("audit")), 3);

        // Every event once, in order.
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.event(row - 1).id > model.event(row).id);
    }

    void testerReadsEveryPage()
    {
        test::FakeRegistrySource source;
        source.addAuditEvents(45, QStringLiteral("alice"), QStringLiteral("image.push"), QStringLiteral("ok"));
        AuditModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(10);
        model.reload();
        QTRY_COMPARE(model.rowCount(), 45);
        QTRY_VERIFY(!model.canFetchMore({}));
        QCOMPARE(source.callCount(QStringLiteral("audit")), 5);
    }

    void filtersByActorActionTextAndOutcome()
    {
        test::FakeRegistrySource source;
        source.addAuditEvents(30, QStringLiteral("alice"), QStringLiteral("image.push"), QStringLiteral("ok"));
        source.addAuditEvents(5, QStringLiteral("mallory"), QStringLiteral("image.push"), QStringLiteral("denied"));
        source.addAuditEvents(30, QStringLiteral("alice"), QStringLiteral("tag.set"), QStringLiteral("ok"));
        AuditModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(10);

        AuditFilter filter;
        filter.actor = QStringLiteral("mallory");
        model.setFilter(filter);
        QTRY_COMPARE(model.rowCount(), 5);
        QTRY_VERIFY(!model.hasMore());
        QCOMPARE(model.index(0, AuditModel::OutcomeColumn).data().toString(), QStringLiteral("Denied"));

        // The outcome is filtered in the model: it keeps reading pages until it has something to show.
        filter = {};
        filter.outcome = QStringLiteral("denied");
        QSignalSpy reset(&model, &AuditModel::modelReset);
        model.setFilter(filter);
        QCOMPARE(reset.count(), 1);
        QTRY_COMPARE(model.rowCount(), 5);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(AuditModel::OutcomeRole).toString(), QStringLiteral("denied"));

        filter = {};
        filter.action = QStringLiteral("tag.set");
        filter.text = QStringLiteral("c2");
        model.setFilter(filter);
        QTRY_VERIFY(model.rowCount() > 0);
        QTRY_VERIFY(!model.isFetching());
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.event(row).action, QStringLiteral("tag.set"));
            QVERIFY(model.event(row).object.contains(QStringLiteral("c2")));
        }
        QCOMPARE(model.actionsSeen(), QStringList { QStringLiteral("tag.set") });
    }

    void errorStopsPaging()
    {
        test::FakeRegistrySource source;
        source.failNext(QStringLiteral("audit"), Error(ErrorCode::PermissionDenied, QStringLiteral("admins only")));
        AuditModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &AuditModel::errorOccurred);
        model.reload();
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("admins only")));
    }
};

QTEST_GUILESS_MAIN(AuditModelTest)
#include "AuditModelTest.moc"
