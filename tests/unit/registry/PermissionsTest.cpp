#include "registry/Permissions.h"

#include <QTest>

using namespace sreg;

// The whole permission model as one table: actor x collection state -> which actions are allowed.
// Written out by hand from DESIGN §4 so that a change in the rules shows up as a failing row.
class PermissionsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data();
    void table();
};

namespace {

// The order of the expectation strings below.
const QList<Action> kActions { Action::ViewCollection, Action::PullImage, Action::PushImage, Action::CreateCollection,
    Action::TagImage, Action::FreezeTag, Action::DeleteImage, Action::DeleteCollection, Action::EditCollection,
    Action::EditMembers, Action::ViewUsers, Action::ManageUsers, Action::ManageOwnTokens, Action::ManageAnyTokens,
    Action::ViewAudit, Action::Maintenance };

const Scopes kFull = Scope::Read | Scope::Push | Scope::Admin;

CollectionAccess access(bool isPrivate, bool owner, bool contributor, bool contributorsCanPush)
{
    CollectionAccess a;
    a.isPrivate = isPrivate;
    a.owner = owner;
    a.contributor = contributor;
    a.contributorsCanPush = contributorsCanPush;
    return a;
}

} // namespace

Q_DECLARE_METATYPE(sreg::Actor)
Q_DECLARE_METATYPE(sreg::CollectionAccess)

void PermissionsTest::table_data()
{
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<CollectionAccess>("state");
    QTest::addColumn<QString>("expected"); // one Y/N per entry of kActions

    const Actor anonymous = Actor::anonymous();
    const Actor user = Actor::user(7, QStringLiteral("alice"), false, kFull);
    const Actor userRead = Actor::user(7, QStringLiteral("alice"), false, Scope::Read);
    const Actor userPush = Actor::user(7, QStringLiteral("alice"), false, Scope::Push);
    const Actor admin = Actor::user(1, QStringLiteral("root"), true, kFull);
    const Actor adminRead = Actor::user(1, QStringLiteral("root"), true, Scope::Read);
    const Actor local = Actor::local();

    //                                                                          VPPCTFDDEMVMOAAM
    QTest::newRow("anonymous public") << anonymous << access(false, false, false, false) << "YYNNNNNNNNNNNNNN";
    QTest::newRow("anonymous private") << anonymous << access(true, false, false, false) << "NNNNNNNNNNNNNNNN";
    QTest::newRow("stranger public") << user << access(false, false, false, false) << "YYNYNNNNNNYNYNNN";
    QTest::newRow("stranger private") << user << access(true, false, false, false) << "NNNYNNNNNNYNYNNN";
    QTest::newRow("contributor private") << user << access(true, false, true, false) << "YYNYNNNNNNYNYNNN";
    QTest::newRow("contributor may push") << user << access(true, false, true, true) << "YYYYYNNNNNYNYNNN";
    QTest::newRow("owner private") << user << access(true, true, false, false) << "YYYYYYYYYYYNYNNN";
    QTest::newRow("owner public") << user << access(false, true, false, false) << "YYYYYYYYYYYNYNNN";
    QTest::newRow("owner read token") << userRead << access(true, true, false, false) << "YYNNNNNNNNYNNNNN";
    QTest::newRow("owner push token") << userPush << access(true, true, false, false) << "YYYYYNYNNNYNNNNN";
    QTest::newRow("stranger read token") << userRead << access(true, false, false, false) << "NNNNNNNNNNYNNNNN";
    QTest::newRow("admin private") << admin << access(true, false, false, false) << "YYYYYYYYYYYYYYYY";
    QTest::newRow("admin read token") << adminRead << access(true, false, false, false) << "YYNNNNNNNNYNNNNN";
    QTest::newRow("local operator") << local << access(true, false, false, false) << "YYYYYYYYYYYYYYYY";
}

void PermissionsTest::table()
{
    QFETCH(Actor, actor);
    QFETCH(CollectionAccess, state);
    QFETCH(QString, expected);
    QCOMPARE(expected.size(), kActions.size());
    QString actual;
    for (Action action : kActions)
        actual += Permissions::allows(actor, action, state) ? u'Y' : u'N';
    QCOMPARE(actual, expected);
}

QTEST_APPLESS_MAIN(PermissionsTest)
#include "PermissionsTest.moc"
