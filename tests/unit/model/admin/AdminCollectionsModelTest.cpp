#include "admin/AdminCollectionsModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class AdminCollectionsModelTest final : public QObject
{
    Q_OBJECT

private:
    static CollectionRecord collection(const QString& name, qint64 bytes = 0)
    {
        CollectionRecord record;
        record.name = name;
        record.totalBytes = bytes;
        record.imageCount = bytes > 0 ? 1 : 0;
        return record;
    }

    static QStringList names(const AdminCollectionsModel& model)
    {
        QStringList names;
        for (int row = 0; row < model.rowCount(); ++row)
            names << model.index(row, AdminCollectionsModel::NameColumn).data().toString();
        return names;
    }

private Q_SLOTS:
    void loadsEveryPage()
    {
        test::FakeRegistrySource source;
        for (const char* name : { "e", "a", "d", "b", "c" })
            source.addCollectionDirect(collection(QString::fromLatin1(name)));
        AdminCollectionsModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2); // five collections in three pages, keyset-paged by name
        QSignalSpy reloaded(&model, &AdminCollectionsModel::reloaded);
        model.reload();
        QVERIFY(model.isLoading());
        QVERIFY(reloaded.wait());
        QVERIFY(!model.isLoading());
        QCOMPARE(names(model), QStringList({ "a", "b", "c", "d", "e" }));
        QCOMPARE(source.callCount(QStringLiteral("collections")), 3);
    }

    void createInsertsOneRow()
    {
        test::FakeRegistrySource source;
        source.addCollectionDirect(collection(QStringLiteral("alpha")));
        source.addCollectionDirect(collection(QStringLiteral("gamma")));
        AdminCollectionsModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &AdminCollectionsModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait());

        QSignalSpy inserted(&model, &AdminCollectionsModel::rowsInserted);
        QSignalSpy reset(&model, &AdminCollectionsModel::modelReset);
        QString outcome = QStringLiteral("pending");
        model.create(QStringLiteral("beta"), QStringLiteral("tools"), true,
                     [&](const QString& error) { outcome = error; });
        QTRY_VERIFY(outcome.isEmpty());
        QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 1); // between alpha and gamma, not a reset
        QCOMPARE(reset.count(), 0);
        const QModelIndex beta = model.index(1, AdminCollectionsModel::VisibilityColumn);
        QCOMPARE(beta.data().toString(), QStringLiteral("Private"));
        QVERIFY(beta.data(AdminCollectionsModel::PrivateRole).toBool());
        QCOMPARE(model.collection(1).description, QStringLiteral("tools"));
    }

    void updateChangesTheRowInPlace()
    {
        test::FakeRegistrySource source;
        source.addCollectionDirect(collection(QStringLiteral("lab"), 4096));
        AdminCollectionsModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &AdminCollectionsModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait());

        QSignalSpy changed(&model, &AdminCollectionsModel::dataChanged);
        CollectionUpdate update;
        update.isPrivate = true;
        update.quotaBytes = std::optional<qint64>(qint64(1) << 30);
        bool done = false;
        model.update(QStringLiteral("lab"), update, [&](const QString& error) { done = error.isEmpty(); });
        QTRY_VERIFY(done);
        QVERIFY(changed.count() >= 1);
        QVERIFY(model.collection(0).isPrivate);
        QCOMPARE(model.collection(0).quotaBytes, std::optional<qint64>(qint64(1) << 30));
        QCOMPARE(model.collection(0).totalBytes, 4096); // aggregates survive the update
        QCOMPARE(model.index(0, AdminCollectionsModel::QuotaColumn).data(AdminCollectionsModel::SortRole).toLongLong(),
                 qint64(1) << 30);
    }

    void removeTakesTheRowAway()
    {
        test::FakeRegistrySource source;
        source.addCollectionDirect(collection(QStringLiteral("a")));
        source.addCollectionDirect(collection(QStringLiteral("b")));
        AdminCollectionsModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &AdminCollectionsModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait());
        QSignalSpy removed(&model, &AdminCollectionsModel::rowsRemoved);
        bool done = false;
        model.remove(QStringLiteral("a"), [&](const QString& error) { done = error.isEmpty(); });
        QTRY_VERIFY(done);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(names(model), QStringList { QStringLiteral("b") });
    }

    void refusalIsReported()
    {
        test::FakeRegistrySource source;
        source.addCollectionDirect(collection(QStringLiteral("taken")));
        AdminCollectionsModel model(&source);
        QSignalSpy errors(&model, &AdminCollectionsModel::errorOccurred);
        QString outcome;
        model.create(QStringLiteral("taken"), {}, false, [&](const QString& error) { outcome = error; });
        QTRY_VERIFY(!outcome.isEmpty());
        QCOMPARE(errors.count(), 1);
        QVERIFY(outcome.contains(QStringLiteral("taken")));

        source.failNext(QStringLiteral("collections"), Error(ErrorCode::Unavailable, QStringLiteral("offline")));
        model.reload();
        QTRY_COMPARE(errors.count(), 2);
        QVERIFY(model.lastError().contains(QStringLiteral("offline")));
    }

    void staleAnswersAreIgnored()
    {
        test::FakeRegistrySource source;
        source.addCollectionDirect(collection(QStringLiteral("one")));
        AdminCollectionsModel model(&source);
        QSignalSpy reloaded(&model, &AdminCollectionsModel::reloaded);
        model.reload();
        source.addCollectionDirect(collection(QStringLiteral("two")));
        model.reload(); // the first answer (without "two") must not win
        QTRY_COMPARE(reloaded.count(), 1);
        QTest::qWait(20);
        QCOMPARE(reloaded.count(), 1);
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(AdminCollectionsModelTest)
#include "AdminCollectionsModelTest.moc"
