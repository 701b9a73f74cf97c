#include "AdminGuiFixture.h"
#include "admin/AdministrationWindow.h"
#include "admin/AuditModel.h"
#include "admin/AuditPage.h"
#include "admin/InlineMessage.h"
#include "registry/AccountService.h"
#include "registry/CollectionService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;

class AuditGuiTest final : public QObject
{
    Q_OBJECT

private:
    static int linesIn(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        return int(file.readAll().count("\r\n"));
    }

private Q_SLOTS:
    void filterAndExport()
    {
        test::AdminGuiFixture fixture;
        fixture.addUser(QStringLiteral("alice"));
        fixture.addUser(QStringLiteral("bob"));
        QVERIFY(fixture.registry().collections().create(Actor::local(), QStringLiteral("lab")).ok());
        // A refused call is audited too ("denied").
        QVERIFY(!fixture.registry().accounts().addUser(Actor::anonymous(), QStringLiteral("eve")).ok());

        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("audit"));
        AuditPage* page = window->auditPage();
        QTRY_VERIFY(page->model()->rowCount() >= 3);

        page->actionBox()->setCurrentText(QStringLiteral("user.add"));
        page->applyFilter();
        QTRY_VERIFY(!page->model()->isFetching());
        QTRY_VERIFY(page->model()->rowCount() >= 2);
        int okRows = 0;
        for (int row = 0; row < page->model()->rowCount(); ++row) {
            QCOMPARE(page->model()->event(row).action, QStringLiteral("user.add"));
            okRows += page->model()->event(row).outcome == u"ok";
        }
        QCOMPARE(okRows, 2);

        page->outcomeBox()->setCurrentIndex(page->outcomeBox()->findData(QStringLiteral("ok")));
        QTRY_COMPARE(page->model()->rowCount(), 2);
        page->textEdit()->setText(QStringLiteral("bob"));
        page->applyFilter();
        QTRY_COMPARE(page->model()->rowCount(), 1);
        QVERIFY(page->model()->index(0, AuditModel::ObjectColumn).data().toString().contains(QStringLiteral("bob")));

        // Export what the filter matches, through the save dialog.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        QTest::mouseClick(page->exportButton(), Qt::LeftButton);
        QFileDialog* save = nullptr;
        QTRY_VERIFY((save = window->findChild<QFileDialog*>(QStringLiteral("auditExportDialog"))) != nullptr);
        save->selectFile(path);
        QMetaObject::invokeMethod(save, "accept"); // a slot; protected in C++
        QTRY_VERIFY(page->message()->text().contains(QStringLiteral("exported")));
        QCOMPARE(linesIn(path), 2); // header and bob's user.add

        // Dates: everything happened today.
        page->textEdit()->clear();
        page->actionBox()->setCurrentText(QString());
        page->outcomeBox()->setCurrentIndex(0);
        page->sinceBox()->setChecked(true);
        page->sinceEdit()->setDate(QDate::currentDate().addDays(1));
        page->applyFilter();
        QTRY_VERIFY(!page->model()->isFetching());
        QCOMPARE(page->model()->rowCount(), 0);
        page->sinceEdit()->setDate(QDate::currentDate());
        page->untilBox()->setChecked(true);
        page->applyFilter();
        QTRY_VERIFY(page->model()->rowCount() >= 4);
        const QString all = dir.filePath(QStringLiteral("all.csv"));
        page->exportCsv(all);
        QTRY_COMPARE(linesIn(all), page->model()->rowCount() + 1);
    }
};

QTEST_MAIN(AuditGuiTest)
#include "AuditGuiTest.moc"
