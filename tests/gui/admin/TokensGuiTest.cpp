#include "AdminGuiFixture.h"
#include "admin/AdminTableView.h"
#include "admin/AdministrationWindow.h"
#include "admin/CopyField.h"
#include "admin/NewTokenDialog.h"
#include "admin/TokenCreatedDialog.h"
#include "admin/TokensModel.h"
#include "admin/TokensPage.h"
#include "registry/AccountService.h"

#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace sreg;

// The issue's own GUI test: create a token and see it listed.
class TokensGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createTokenAndSeeItListed()
    {
        test::AdminGuiFixture fixture;
        QVERIFY(fixture.isOpen());
        fixture.addUser(QStringLiteral("alice"));
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("tokens"));
        QVERIFY(window);
        QCOMPARE(window->currentPageKey(), QStringLiteral("tokens"));
        TokensPage* page = window->tokensPage();
        QTRY_COMPARE(page->userBox()->currentText(), QStringLiteral("alice"));
        QTRY_VERIFY(page->newButton()->isEnabled());

        QTest::mouseClick(page->newButton(), Qt::LeftButton);
        NewTokenDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<NewTokenDialog*>()) != nullptr);
        QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!create->isEnabled()); // no name yet
        QTest::keyClicks(dialog->nameEdit(), QStringLiteral("laptop"));
        QVERIFY(create->isEnabled());
        dialog->expiryBox()->setCurrentIndex(dialog->expiryBox()->findText(QStringLiteral("Never")));
        QVERIFY(!dialog->expiresAt(0).has_value());
        QTest::mouseClick(create, Qt::LeftButton);

        TokenCreatedDialog* shown = nullptr;
        QTRY_VERIFY((shown = window->findChild<TokenCreatedDialog*>()) != nullptr);
        QTRY_VERIFY(shown->isVisible());
        const QString secret = shown->secretField()->text();
        QVERIFY(!secret.isEmpty());
        QVERIFY(!shown->secretField()->copyButton()->accessibleName().isEmpty());
        QTest::mouseClick(shown->secretField()->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), secret);
        // The secret really is a credential of alice's.
        Result<Actor> actor = fixture.registry().accounts().authenticateBearer(secret);
        QVERIFY(actor.ok());
        QCOMPARE(actor->name, QStringLiteral("alice"));
        shown->accept();
        QCOMPARE(shown->secretField()->text(), QString()); // forgotten on close

        // Listed, with its state and expiry.
        QTRY_COMPARE(page->model()->rowCount(), 1);
        QAbstractItemModel* shownModel = page->view()->model();
        QCOMPARE(shownModel->index(0, TokensModel::NameColumn).data().toString(), QStringLiteral("laptop"));
        QCOMPARE(shownModel->index(0, TokensModel::ExpiresColumn).data().toString(), QStringLiteral("Never"));
        QCOMPARE(shownModel->index(0, TokensModel::StateColumn).data().toString(), QStringLiteral("Active"));
        for (int column = 0; column < shownModel->columnCount(); ++column)
            QVERIFY(!shownModel->index(0, column).data().toString().contains(secret));
    }

    void revokeWithConfirmation()
    {
        test::AdminGuiFixture fixture;
        fixture.addUser(QStringLiteral("ci"));
        Result<NewToken> token = fixture.registry().accounts().createToken(Actor::local(), QStringLiteral("ci"),
                                                                           QStringLiteral("pipeline"), Scope::Read);
        QVERIFY(token.ok());
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("tokens"));
        TokensPage* page = window->tokensPage();
        QTRY_COMPARE(page->model()->rowCount(), 1);
        page->view()->selectRow(0);
        QVERIFY(page->revokeButton()->isEnabled());
        QTest::mouseClick(page->revokeButton(), Qt::LeftButton);
        QDialog* confirm = nullptr;
        QTRY_VERIFY((confirm = window->findChild<QDialog*>(QStringLiteral("confirmDeleteDialog"))) != nullptr);
        QMetaObject::invokeMethod(confirm, "accept");
        QTRY_COMPARE(page->view()
                         ->model()
                         ->index(0, TokensModel::StateColumn)
                         .data(TokensModel::StateRole)
                         .value<TokensModel::TokenState>(),
                     TokensModel::TokenState::Revoked);
        QVERIFY(!fixture.registry().accounts().authenticateBearer(token->secret).ok());
        QVERIFY(!page->revokeButton()->isEnabled());
    }
};

QTEST_MAIN(TokensGuiTest)
#include "TokensGuiTest.moc"
