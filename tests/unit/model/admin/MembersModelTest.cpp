#include "admin/MembersModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class MembersModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addUsersAndTeamsChangeRolesRemove()
    {
        test::FakeRegistrySource source;
        CollectionRecord lab;
        lab.name = QStringLiteral("lab");
        source.addCollectionDirect(lab);
        source.addUserDirect(QStringLiteral("alice"));
        bool teamMade = false;
        source.createTeam(QStringLiteral("alice"), {}, &source, [&](Result<TeamRecord>) { teamMade = true; });
        QTRY_VERIFY(teamMade);

        MembersModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reloaded(&model, &MembersModel::reloaded);
        model.setCollection(QStringLiteral("lab"));
        QVERIFY(reloaded.wait());
        QCOMPARE(model.rowCount(), 0);

        QSignalSpy inserted(&model, &MembersModel::rowsInserted);
        model.setMember(QStringLiteral("alice"), false, QStringLiteral("owner"));
        QTRY_COMPARE(model.rowCount(), 1);
        // A team with the same name is a different member.
        model.setMember(QStringLiteral("alice"), true, QStringLiteral("contributor"));
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.ownerCount(), 1);
        QCOMPARE(model.index(1, MembersModel::KindColumn).data().toString(), QStringLiteral("Team"));
        QCOMPARE(model.index(1, MembersModel::RoleColumn).data().toString(), QStringLiteral("Contributor"));

        QSignalSpy changed(&model, &MembersModel::dataChanged);
        model.setMember(QStringLiteral("alice"), true, QStringLiteral("owner"));
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(model.ownerCount(), 2);

        QSignalSpy removed(&model, &MembersModel::rowsRemoved);
        bool done = false;
        model.setMember(QStringLiteral("alice"), false, QString(),
                        [&](const QString& error) { done = error.isEmpty(); });
        QTRY_VERIFY(done);
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(model.member(0).isTeam, true);
    }

    void unknownCollectionReportsError()
    {
        test::FakeRegistrySource source;
        MembersModel model(&source);
        QSignalSpy errors(&model, &MembersModel::errorOccurred);
        model.setCollection(QStringLiteral("missing"));
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("missing")));
    }
};

QTEST_GUILESS_MAIN(MembersModelTest)
#include "MembersModelTest.moc"
