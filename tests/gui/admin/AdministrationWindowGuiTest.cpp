#include "FakeRegistrySource.h"
#include "admin/AdministrationWindow.h"
#include "admin/CollectionsPage.h"
#include "admin/ServePage.h"
#include "admin/TeamMembersModel.h"
#include "admin/TeamsModel.h"
#include "admin/TeamsPage.h"
#include "admin/UsersModel.h"
#include "admin/UsersPage.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace sreg;

// The window over a source that cannot do everything (as a remote registry may not): what is missing is
// disabled, with the source's reason. Uses the in-memory FakeRegistrySource.
class AdministrationWindowGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unsupportedPagesAreDisabledWithTheReason()
    {
        test::FakeRegistrySource source;
        source.setUnsupported(RegistrySource::Feature::Users);
        source.setUnsupported(RegistrySource::Feature::Serve);
        source.setUnsupported(RegistrySource::Feature::EditCollections);
        AdministrationWindow window(&source, nullptr);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.isPageEnabled(QStringLiteral("users")));
        QCOMPARE(window.pageToolTip(QStringLiteral("users")), source.unsupportedReason(RegistrySource::Feature::Users));
        QVERIFY(!window.isPageEnabled(QStringLiteral("serve")));
        QVERIFY(!window.pageToolTip(QStringLiteral("serve")).isEmpty());
        QVERIFY(!window.showPage(QStringLiteral("users")));
        QVERIFY(window.isPageEnabled(QStringLiteral("teams")));
        QVERIFY(window.showPage(QStringLiteral("collections")));
        QVERIFY(!window.collectionsPage()->newButton()->isEnabled());
        QCOMPARE(window.collectionsPage()->newButton()->toolTip(),
                 source.unsupportedReason(RegistrySource::Feature::EditCollections));
    }

    void iconOnlyButtonsHaveAccessibleNames()
    {
        test::FakeRegistrySource source;
        AdministrationWindow window(&source, nullptr);
        for (const QString& key : AdministrationWindow::pageKeys())
            window.showPage(key);
        // Our own icon-only buttons (Qt's internal ones, such as a line edit's clear button, are Qt's business).
        int checked = 0;
        for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
            const QMetaObject* type = button->metaObject();
            if (type != &QToolButton::staticMetaObject && type != &QPushButton::staticMetaObject)
                continue;
            if (!button->text().isEmpty() || button->icon().isNull())
                continue;
            ++checked;
            QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->toolTip()));
        }
        QVERIFY(checked > 0); // the copy buttons of the Serve page at least
    }

    void usersAndTeamsPages()
    {
        test::FakeRegistrySource source;
        source.addUserDirect(QStringLiteral("alice"));
        source.addUserDirect(QStringLiteral("bob"));
        AdministrationWindow window(&source, nullptr);
        window.show();
        QVERIFY(window.showPage(QStringLiteral("users")));
        UsersPage* users = window.usersPage();
        QTRY_COMPARE(users->model()->rowCount(), 2);
        users->selectUser(QStringLiteral("bob"));
        QCOMPARE(users->activeButton()->text().remove(u'&'), QStringLiteral("Disable"));
        QTest::mouseClick(users->activeButton(), Qt::LeftButton);
        QTRY_VERIFY(!users->model()->user(users->model()->rowOf(QStringLiteral("bob"))).active);
        QTRY_COMPARE(users->activeButton()->text().remove(u'&'), QStringLiteral("Enable"));
        QTest::mouseClick(users->adminButton(), Qt::LeftButton);
        QTRY_VERIFY(users->model()->user(users->model()->rowOf(QStringLiteral("bob"))).admin);

        QVERIFY(window.showPage(QStringLiteral("teams")));
        TeamsPage* teams = window.teamsPage();
        bool created = false;
        teams->model()->createTeam(QStringLiteral("lab"), {}, [&](const QString&) { created = true; });
        QTRY_VERIFY(created);
        QTRY_COMPARE(teams->model()->rowCount(), 1);
        teams->selectTeam(QStringLiteral("lab"));
        teams->userBox()->setCurrentText(QStringLiteral("alice"));
        QVERIFY(teams->addMemberButton()->isEnabled());
        QTest::mouseClick(teams->addMemberButton(), Qt::LeftButton);
        QTRY_COMPARE(teams->membersModel()->rowCount(), 1);
        teams->membersView()->selectRow(0);
        QTest::mouseClick(teams->memberRoleButton(), Qt::LeftButton);
        QTRY_VERIFY(teams->membersModel()->member(0).owner);
    }
};

QTEST_MAIN(AdministrationWindowGuiTest)
#include "AdministrationWindowGuiTest.moc"
