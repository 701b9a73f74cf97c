#include "admin/TeamsModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class TeamsModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAddMembersDelete()
    {
        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("alice"));
        source.addUserDirect(QStringLiteral("bob"));
        TeamsModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &TeamsModel::rowsInserted);
        bool created = false;
        model.createTeam(QStringLiteral("lab"), QStringLiteral("the lab"),
                         [&](const QString& error) { created = error.isEmpty(); });
        QTRY_VERIFY(created);
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.count(), 1);

        QSignalSpy changed(&model, &TeamsModel::dataChanged);
        model.setMember(QStringLiteral("lab"), QStringLiteral("alice"), QStringLiteral("owner"));
        model.setMember(QStringLiteral("lab"), QStringLiteral("bob"), QStringLiteral("member"));
        QTRY_COMPARE(model.team(0).members.size(), 2);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(model.index(0, TeamsModel::MembersColumn).data().toInt(), 2);
        QCOMPARE(model.index(0, TeamsModel::OwnersColumn).data().toString(), QStringLiteral("alice"));

        QString outcome = QStringLiteral("pending");
        model.setMember(QStringLiteral("lab"), QStringLiteral("nobody"), QStringLiteral("member"),
                        [&](const QString& error) { outcome = error; });
        QTRY_VERIFY(outcome != QStringLiteral("pending"));
        QVERIFY(outcome.contains(QStringLiteral("nobody")));

        QSignalSpy removed(&model, &TeamsModel::rowsRemoved);
        model.removeTeam(QStringLiteral("lab"));
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TeamsModelTest)
#include "TeamsModelTest.moc"
