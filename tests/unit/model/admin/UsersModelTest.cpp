#include "admin/UsersModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class UsersModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addDisableAdminQuota()
    {
        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("bob"));
        UsersModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &UsersModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait());
        QCOMPARE(model.rowCount(), 1);

        QSignalSpy inserted(&model, &UsersModel::rowsInserted);
        bool added = false;
        model.addUser(QStringLiteral("alice"), false, QStringLiteral("Alice A."), QStringLiteral("a@example.org"),
                      [&](const QString& error) { added = error.isEmpty(); });
        QTRY_VERIFY(added);
        QTRY_COMPARE(inserted.count(), 1);
        QCOMPARE(model.names(), QStringList({ "alice", "bob" }));
        const int alice = model.rowOf(QStringLiteral("alice"));
        QCOMPARE(model.index(alice, UsersModel::FullNameColumn).data().toString(), QStringLiteral("Alice A."));
        QCOMPARE(model.index(alice, UsersModel::StateColumn).data().toString(), QStringLiteral("Active"));

        QSignalSpy changed(&model, &UsersModel::dataChanged);
        model.setActive(QStringLiteral("alice"), false);
        QTRY_VERIFY(!changed.isEmpty());
        QTRY_COMPARE(model.index(alice, UsersModel::StateColumn).data().toString(), QStringLiteral("Disabled"));
        QVERIFY(!model.index(alice, 0).data(UsersModel::ActiveRole).toBool());
        QCOMPARE(changed.first().at(0).toModelIndex().row(), alice);

        model.setAdmin(QStringLiteral("alice"), true);
        QTRY_COMPARE(model.index(alice, UsersModel::RoleColumn).data().toString(), QStringLiteral("Administrator"));

        model.setQuota(QStringLiteral("alice"), qint64(5) << 30);
        QTRY_COMPARE(model.user(alice).quotaBytes, std::optional<qint64>(qint64(5) << 30));
        QCOMPARE(model.index(alice, UsersModel::QuotaColumn).data(UsersModel::SortRole).toLongLong(), qint64(5) << 30);
        model.setQuota(QStringLiteral("alice"), std::nullopt);
        QTRY_COMPARE(model.index(alice, UsersModel::QuotaColumn).data().toString(), QStringLiteral("Unlimited"));
    }

    void invalidNameIsRefused()
    {
        test::FakeRegistrySource source;
        UsersModel model(&source);
        QSignalSpy errors(&model, &UsersModel::errorOccurred);
        QString outcome;
        model.addUser(QStringLiteral("Bad Name"), false, {}, {}, [&](const QString& error) { outcome = error; });
        QTRY_VERIFY(!outcome.isEmpty());
        QCOMPARE(errors.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void followsAccountsChanged()
    {
        test::FakeRegistrySource source;
        UsersModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.addUserDirect(QStringLiteral("carol"));
        Q_EMIT source.accountsChanged(); // someone else added a user
        QTRY_COMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(UsersModelTest)
#include "UsersModelTest.moc"
