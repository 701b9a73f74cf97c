#include "AdminGuiFixture.h"
#include "admin/AdminActions.h"
#include "admin/AdminCollectionsModel.h"
#include "admin/AdministrationWindow.h"
#include "admin/CollectionSettingsDialog.h"
#include "admin/CollectionsPage.h"
#include "admin/ConfirmDeleteDialog.h"
#include "admin/MembersEditor.h"
#include "admin/MembersModel.h"
#include "admin/NameEdit.h"
#include "admin/NewCollectionDialog.h"
#include "registry/CollectionService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sreg;

class CollectionsGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createWithLiveNameCheck()
    {
        test::AdminGuiFixture fixture;
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("collections"));
        CollectionsPage* page = window->collectionsPage();
        QTest::mouseClick(page->newButton(), Qt::LeftButton);
        NewCollectionDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<NewCollectionDialog*>()) != nullptr);
        QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

        QTest::keyClicks(dialog->nameEdit()->lineEdit(), QStringLiteral("Lab Tools"));
        QVERIFY(!create->isEnabled());
        QVERIFY(dialog->nameEdit()->problem().contains(QStringLiteral("lab-tools"))); // the suggestion
        dialog->nameEdit()->lineEdit()->clear();
        QTest::keyClicks(dialog->nameEdit()->lineEdit(), QStringLiteral("lab--tools"));
        QVERIFY(!create->isEnabled());
        dialog->nameEdit()->lineEdit()->clear();
        QTest::keyClicks(dialog->nameEdit()->lineEdit(), QStringLiteral("lab-tools"));
        QVERIFY(create->isEnabled());
        QVERIFY(dialog->nameEdit()->problem().isEmpty());
        QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Shared tools"));
        dialog->privateBox()->setChecked(true);
        QTest::mouseClick(create, Qt::LeftButton);

        QTRY_VERIFY(page->model()->rowOf(QStringLiteral("lab-tools")) >= 0);
        QTRY_COMPARE(page->selectedCollection(), QStringLiteral("lab-tools"));
        Result<CollectionRecord> stored
            = fixture.registry().collections().get(Actor::local(), QStringLiteral("lab-tools"));
        QVERIFY(stored.ok());
        QVERIFY(stored->isPrivate);
        QCOMPARE(stored->description, QStringLiteral("Shared tools"));

        // A taken name is refused inside the dialog, which stays open.
        QTest::mouseClick(page->newButton(), Qt::LeftButton);
        QTRY_VERIFY((dialog = window->findChild<NewCollectionDialog*>()) != nullptr && dialog->isVisible());
        QTest::keyClicks(dialog->nameEdit()->lineEdit(), QStringLiteral("lab-tools"));
        dialog->accept();
        QTRY_VERIFY(!dialog->findChild<QWidget*>(QStringLiteral("inlineMessage"))->isHidden());
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }

    void changePrivacyAndMembers()
    {
        test::AdminGuiFixture fixture;
        fixture.addUser(QStringLiteral("alice"));
        QVERIFY(fixture.registry().collections().create(Actor::local(), QStringLiteral("lab"), {}, false).ok());
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("collections"));
        CollectionsPage* page = window->collectionsPage();
        QTRY_VERIFY(page->model()->rowOf(QStringLiteral("lab")) >= 0);
        page->selectCollection(QStringLiteral("lab"));
        QTest::mouseClick(page->settingsButton(), Qt::LeftButton);
        CollectionSettingsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<CollectionSettingsDialog*>()) != nullptr);
        QTRY_VERIFY(dialog->isLoaded());
        QPushButton* save = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled()); // nothing changed yet
        QVERIFY(!dialog->privateBox()->isChecked());
        dialog->privateBox()->setChecked(true);
        dialog->contributorsPushBox()->setChecked(true);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(fixture.registry().collections().get(Actor::local(), QStringLiteral("lab"))->isPrivate);
        QVERIFY(fixture.registry().collections().get(Actor::local(), QStringLiteral("lab"))->contributorsCanPush);
        QTRY_VERIFY(!save->isEnabled());
        // The page's list follows.
        const int row = page->model()->rowOf(QStringLiteral("lab"));
        QTRY_COMPARE(page->model()->index(row, AdminCollectionsModel::VisibilityColumn).data().toString(),
                     QStringLiteral("Private"));

        // Members: an administrator adds any user directly.
        dialog->tabs()->setCurrentIndex(1);
        MembersEditor* members = dialog->membersEditor();
        members->principalBox()->setCurrentText(QStringLiteral("alice"));
        members->roleBox()->setCurrentIndex(members->roleBox()->findData(QStringLiteral("owner")));
        QTest::mouseClick(members->addButton(), Qt::LeftButton);
        QTRY_COMPARE(members->model()->rowCount(), 1);
        Result<QList<CollectionMemberRecord>> stored
            = fixture.registry().collections().members(Actor::local(), QStringLiteral("lab"));
        QVERIFY(stored.ok());
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().name, QStringLiteral("alice"));
        QVERIFY(stored->first().owner);
        dialog->reject();
    }

    void deleteNamesWhatGoes()
    {
        test::AdminGuiFixture fixture;
        const ImageRecord image
            = fixture.push(QStringLiteral("old"), QStringLiteral("tool"), QStringLiteral("v1"), 48 * 1024, 7);
        QVERIFY(image.size > 0);
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("collections"));
        CollectionsPage* page = window->collectionsPage();
        QTRY_VERIFY(page->model()->rowOf(QStringLiteral("old")) >= 0);
        page->selectCollection(QStringLiteral("old"));
        QTest::mouseClick(page->deleteButton(), Qt::LeftButton);
        ConfirmDeleteDialog* confirm = nullptr;
        QTRY_VERIFY((confirm = window->findChild<ConfirmDeleteDialog*>()) != nullptr);
        QTRY_COMPARE(confirm->itemList()->count(), 1);
        QVERIFY(confirm->itemList()->item(0)->text().contains(QStringLiteral("tool")));
        QVERIFY(confirm->summary().contains(QStringLiteral("KiB")));
        QVERIFY(!confirm->deleteButton()->isEnabled()); // until the name is typed
        QTest::keyClicks(confirm->confirmationEdit(), QStringLiteral("old"));
        QVERIFY(confirm->deleteButton()->isEnabled());
        QTest::mouseClick(confirm->deleteButton(), Qt::LeftButton);
        QTRY_COMPARE(page->model()->rowOf(QStringLiteral("old")), -1);
        QVERIFY(!fixture.registry().collections().get(Actor::local(), QStringLiteral("old")).ok());
    }

    void adminActionsForTheMainWindow()
    {
        test::AdminGuiFixture fixture;
        QString created;
        AdminActions::newCollection(nullptr, fixture.source(), [&](const QString& name) { created = name; });
        NewCollectionDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = test::AdminGuiFixture::topLevel<NewCollectionDialog>()) != nullptr);
        QTest::keyClicks(dialog->nameEdit()->lineEdit(), QStringLiteral("fresh"));
        dialog->accept();
        QTRY_COMPARE(created, QStringLiteral("fresh"));

        AdminActions::openCollectionSettings(nullptr, fixture.source(), QStringLiteral("fresh"));
        CollectionSettingsDialog* settings = nullptr;
        QTRY_VERIFY((settings = test::AdminGuiFixture::topLevel<CollectionSettingsDialog>()) != nullptr);
        QTRY_VERIFY(settings->isLoaded());
        settings->reject();

        AdminActions::deleteCollection(nullptr, fixture.source(), QStringLiteral("fresh"));
        ConfirmDeleteDialog* confirm = nullptr;
        QTRY_VERIFY((confirm = test::AdminGuiFixture::topLevel<ConfirmDeleteDialog>()) != nullptr);
        QTRY_VERIFY(confirm->summary().contains(QStringLiteral("empty")));
        QTest::keyClicks(confirm->confirmationEdit(), QStringLiteral("fresh"));
        confirm->accept();
        QTRY_VERIFY(!fixture.registry().collections().get(Actor::local(), QStringLiteral("fresh")).ok());

        // A second request raises the same window on the asked page.
        AdminActions::openAdministration(nullptr, fixture.source(), fixture.tasks(), QStringLiteral("users"));
        AdministrationWindow* window = test::AdminGuiFixture::topLevel<AdministrationWindow>();
        QVERIFY(window);
        AdminActions::openAdministration(nullptr, fixture.source(), fixture.tasks(), QStringLiteral("audit"));
        QCOMPARE(test::AdminGuiFixture::topLevel<AdministrationWindow>(), window);
        QCOMPARE(window->currentPageKey(), QStringLiteral("audit"));
    }
};

QTEST_MAIN(CollectionsGuiTest)
#include "CollectionsGuiTest.moc"
