#include "admin/TeamMembersModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class TeamMembersModelTest final : public QObject
{
    Q_OBJECT

private:
    static TeamRecord team(const QString& name, const QList<TeamMemberRecord>& members)
    {
        TeamRecord record;
        record.name = name;
        record.members = members;
        return record;
    }

private Q_SLOTS:
    void sameTeamUpdatesInPlace()
    {
        TeamMembersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &TeamMembersModel::modelReset);
        model.setTeam(
            team(QStringLiteral("lab"), { { 1, QStringLiteral("alice"), true }, { 2, QStringLiteral("bob"), false } }));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, TeamMembersModel::RoleColumn).data().toString(), QStringLiteral("Owner"));

        QSignalSpy removed(&model, &TeamMembersModel::rowsRemoved);
        QSignalSpy inserted(&model, &TeamMembersModel::rowsInserted);
        QSignalSpy changed(&model, &TeamMembersModel::dataChanged);
        // bob leaves, alice becomes a plain member, carol joins
        model.setTeam(team(QStringLiteral("lab"),
                           { { 1, QStringLiteral("alice"), false }, { 3, QStringLiteral("carol"), false } }));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.member(0).userName, QStringLiteral("alice"));
        QVERIFY(!model.index(0, 0).data(TeamMembersModel::OwnerRole).toBool());
        QCOMPARE(model.member(1).userName, QStringLiteral("carol"));

        model.setTeam(team(QStringLiteral("other"), {}));
        QCOMPARE(reset.count(), 2);
        QCOMPARE(model.rowCount(), 0);
        model.clear();
        QCOMPARE(model.team(), QString());
    }
};

QTEST_GUILESS_MAIN(TeamMembersModelTest)
#include "TeamMembersModelTest.moc"
