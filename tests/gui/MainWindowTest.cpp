#include "MainWindow.h"

#include "AppSettings.h"
#include "CollectionChooserDialog.h"
#include "DetailPane.h"
#include "DropController.h"
#include "GuiTestFixture.h"
#include "LabelsModel.h"
#include "LocalSource.h"
#include "MessageBox.h"
#include "OverviewTab.h"
#include "RegistryTreeModel.h"
#include "RegistryTreeView.h"
#include "SearchDock.h"
#include "SearchResultsModel.h"
#include "TagFilterProxyModel.h"
#include "TagMimeData.h"
#include "TagTableModel.h"
#include "TagTableView.h"
#include "TestSupport.h"
#include "UploadDialog.h"
#include "UploadPlanModel.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace sreg;

class MainWindowTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void opensOnTheLastCollection();
    void dropFixtureOntoCollectionShowsItInTheTable();
    void refusedNonSifDropUploadsNothing();
    void dropOnTheRegistryAsksForACollection();
    void deleteAsksNamingItemsAndBytes();
    void searchFindsAcrossCollections();
    void ctrlCCopiesThePullCommand();
    void detailPaneShowsTheImage();
    void dragTagsToAnotherCollectionCopies();
    void windowStateIsSaved();

private:
    QModelIndex collectionRow(const QString& name);
    void selectRow(const QString& container, const QString& tag);

    std::unique_ptr<test::GuiTestFixture> m_fixture;
};

void MainWindowTest::init()
{
    m_fixture = std::make_unique<test::GuiTestFixture>();
    QVERIFY(m_fixture->temp().isOpen());
    QCOMPARE(m_fixture->push(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                             QStringLiteral("v1")),
             QString());
    QCOMPARE(m_fixture->push(QStringLiteral("signed-fake.sif"), QStringLiteral("lab"), QStringLiteral("signed"),
                             QStringLiteral("v2")),
             QString());
    QCOMPARE(m_fixture->push(QStringLiteral("v1-layout.sif"), QStringLiteral("other"), QStringLiteral("legacy"),
                             QStringLiteral("old")),
             QString());
    QVERIFY(m_fixture->openWindow(QStringLiteral("lab")));
    MessageBox::setNextAnswer(QMessageBox::NoButton);
}

void MainWindowTest::cleanup()
{
    m_fixture.reset();
}

QModelIndex MainWindowTest::collectionRow(const QString& name)
{
    return m_fixture->window()->registries()->indexOfCollection(m_fixture->source(), name);
}

void MainWindowTest::selectRow(const QString& container, const QString& tag)
{
    TagTableView* table = m_fixture->window()->tagView();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex index = table->model()->index(row, 0);
        const TagRecord record = index.data(TagTableModel::RecordRole).value<TagRecord>();
        if (record.container == container && record.name == tag) {
            table->setFocus();
            table->selectionModel()->setCurrentIndex(index,
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row %1:%2").arg(container, tag)));
}

void MainWindowTest::opensOnTheLastCollection()
{
    MainWindow* window = m_fixture->window();
    QCOMPARE(window->currentCollection(), QStringLiteral("lab"));
    QCOMPARE(window->currentSource(), m_fixture->source());
    QCOMPARE(window->tagModel()->rowCount(), 2);
    QVERIFY(window->windowTitle().contains(QStringLiteral("lab")));
    QVERIFY(collectionRow(QStringLiteral("other")).isValid());
}

void MainWindowTest::dropFixtureOntoCollectionShowsItInTheTable()
{
    MainWindow* window = m_fixture->window();
    const QString file = m_fixture->scratch(QStringLiteral("lolcow_latest.sif"));
    QVERIFY(QFile::copy(test::fixture(QStringLiteral("multi-partition.sif")), file));
    QSignalSpy inspected(window->drops(), &DropController::inspected);
    auto* mime = new QMimeData;
    mime->setUrls({ QUrl::fromLocalFile(file) });
    test::GuiTestFixture::dropOn(window->treeView(), collectionRow(QStringLiteral("lab")), mime);
    delete mime;
    QVERIFY(inspected.wait(5000));

    UploadDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<UploadDialog*>()) != nullptr);
    QCOMPARE(dialog->plan()->rowCount(), 1);
    QCOMPARE(dialog->plan()->index(0, UploadPlanModel::ContainerColumn).data().toString(), QStringLiteral("lolcow"));
    QCOMPARE(dialog->plan()->index(0, UploadPlanModel::TagColumn).data().toString(), QStringLiteral("latest"));
    // The proposal is editable before anything moves.
    QVERIFY(dialog->plan()->setData(dialog->plan()->index(0, UploadPlanModel::TagColumn), QStringLiteral("v3")));
    dialog->accept();

    QTRY_VERIFY_WITH_TIMEOUT(window->tagModel()->rowOfKey(QStringLiteral("lolcow:v3:amd64")) >= 0, 10000);
    QCOMPARE(window->tagModel()->rowCount(), 3);
    // The tree's counts follow.
    QTRY_COMPARE(collectionRow(QStringLiteral("lab")).data(RegistryTreeModel::ImageCountRole).toLongLong(), 3);
}

void MainWindowTest::refusedNonSifDropUploadsNothing()
{
    MainWindow* window = m_fixture->window();
    const QString before = m_fixture->temp().snapshot();
    const QString notes = m_fixture->scratch(QStringLiteral("notes.txt"));
    QVERIFY(test::writeFile(notes, "not an image\n"));
    const int shown = MessageBox::shownCount();
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QSignalSpy inspected(window->drops(), &DropController::inspected);
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(notes) });
    test::GuiTestFixture::dropOn(window->tagView(), window->tagView()->model()->index(0, 0), &mime);
    QVERIFY(inspected.wait(5000));
    QTRY_COMPARE(MessageBox::shownCount(), shown + 1);
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("Nothing was uploaded")),
             qPrintable(MessageBox::lastText()));
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("notes.txt: Not a SIF")),
             qPrintable(MessageBox::lastText()));
    QVERIFY(!window->findChild<UploadDialog*>());
    QTest::qWait(100);
    QCOMPARE(window->tagModel()->rowCount(), 2);
    QCOMPARE(m_fixture->temp().snapshot(), before);
}

void MainWindowTest::dropOnTheRegistryAsksForACollection()
{
    MainWindow* window = m_fixture->window();
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(test::fixture(QStringLiteral("singularity-like.sif"))) });
    test::GuiTestFixture::dropOn(window->treeView(), window->registries()->indexOfSource(m_fixture->source()), &mime);
    CollectionChooserDialog* chooser = nullptr;
    QTRY_VERIFY((chooser = window->findChild<CollectionChooserDialog*>()) != nullptr);
    chooser->setCollection(QStringLiteral("other"));
    QSignalSpy inspected(window->drops(), &DropController::inspected);
    chooser->accept();
    QVERIFY(inspected.wait(5000));
    UploadDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window->findChild<UploadDialog*>()) != nullptr);
    QVERIFY(dialog->windowTitle().contains(QStringLiteral("other")));
    dialog->reject();
}

void MainWindowTest::deleteAsksNamingItemsAndBytes()
{
    MainWindow* window = m_fixture->window();
    selectRow(QStringLiteral("tool"), QStringLiteral("v1"));
    const qint64 size = QFileInfo(test::fixture(QStringLiteral("singularity-like.sif"))).size();

    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QTest::keyClick(window->tagView(), Qt::Key_Delete);
    QVERIFY2(MessageBox::lastText().contains(QStringLiteral("lab/tool:v1")), qPrintable(MessageBox::lastText()));
    QVERIFY2(MessageBox::lastText().contains(QLocale().formattedDataSize(size, 1, QLocale::DataSizeIecFormat)),
             qPrintable(MessageBox::lastText()));
    QTest::qWait(100);
    QCOMPARE(window->tagModel()->rowCount(), 2);

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::keyClick(window->tagView(), Qt::Key_Delete);
    QTRY_COMPARE(window->tagModel()->rowCount(), 1);
    QCOMPARE(window->tagModel()->rowOfKey(QStringLiteral("tool:v1:amd64")), -1);
}

void MainWindowTest::searchFindsAcrossCollections()
{
    MainWindow* window = m_fixture->window();
    SearchDock* dock = window->searchDock();
    QSignalSpy finished(dock->model(), &SearchResultsModel::finished);
    window->focusSearch();
    QTest::keyClicks(window->searchBox(), QStringLiteral("legacy"));
    QVERIFY(finished.wait(5000));
    QVERIFY(dock->isVisible());
    QVERIFY(dock->model()->rowCount() >= 1);
    // The same text filters the shown collection: nothing in lab is called legacy.
    QCOMPARE(window->tagProxy()->rowCount(), 0);

    // Activating the image found in the other collection shows it there, selected.
    int imageRow = -1;
    for (int row = 0; row < dock->model()->rowCount(); ++row) {
        if (SearchResultsModel::Kind(dock->model()->index(row, 0).data(SearchResultsModel::KindRole).toInt())
            == SearchResultsModel::Kind::Image)
            imageRow = row;
    }
    QVERIFY(imageRow >= 0);
    Q_EMIT dock->view()->activated(dock->model()->index(imageRow, 0));
    QTRY_COMPARE(window->currentCollection(), QStringLiteral("other"));
    QTRY_VERIFY(window->tagView()->currentIndex().isValid());
    QCOMPARE(window->tagView()->currentIndex().data(TagTableModel::KeyRole).toString(),
             QStringLiteral("legacy:old:amd64"));

    // Labels are searched too.
    window->searchBox()->clear();
    QTRY_VERIFY(!dock->isVisible());
}

void MainWindowTest::ctrlCCopiesThePullCommand()
{
    MainWindow* window = m_fixture->window();
    selectRow(QStringLiteral("tool"), QStringLiteral("v1"));
    QApplication::clipboard()->clear();
    QTest::keyClick(window->tagView(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("apptainer pull library://lab/tool:v1"));
}

void MainWindowTest::detailPaneShowsTheImage()
{
    MainWindow* window = m_fixture->window();
    DetailPane* detail = window->detailPane();
    QSignalSpy loaded(detail, &DetailPane::metadataLoaded);
    selectRow(QStringLiteral("signed"), QStringLiteral("v2"));
    QVERIFY(loaded.wait(5000));
    QCOMPARE(detail->tag().name, QStringLiteral("v2"));
    QVERIFY(detail->overview()->apptainerCommand().endsWith(QStringLiteral("library://lab/signed:v2")));
    QVERIFY(detail->labels()->rowCount() > 0);
    QVERIFY(!detail->definitionText().isEmpty());
    QVERIFY(!detail->scriptsText().isEmpty());
    selectRow(QStringLiteral("tool"), QStringLiteral("v1"));
    QCOMPARE(detail->tag().name, QStringLiteral("v1"));
}

void MainWindowTest::dragTagsToAnotherCollectionCopies()
{
    MainWindow* window = m_fixture->window();
    selectRow(QStringLiteral("tool"), QStringLiteral("v1"));
    const QList<TagRecord> tags = window->tagView()->selectedTags();
    QCOMPARE(tags.size(), 1);
    TagMimeData mime(m_fixture->source()->id(), tags, { QStringLiteral("library://lab/tool:v1") });
    test::GuiTestFixture::dropOn(window->treeView(), collectionRow(QStringLiteral("other")), &mime);
    QTRY_COMPARE_WITH_TIMEOUT(
        collectionRow(QStringLiteral("other")).data(RegistryTreeModel::ImageCountRole).toLongLong(), 2, 10000);
    QCOMPARE(window->tagModel()->rowCount(), 2); // a copy: lab keeps it
}

void MainWindowTest::windowStateIsSaved()
{
    MainWindow* window = m_fixture->window();
    window->close();
    QVERIFY(!AppSettings::instance()->value(AppSettings::Key::MainWindowGeometry).toByteArray().isEmpty());
    QVERIFY(!AppSettings::instance()->value(AppSettings::Key::TagHeaderState).toByteArray().isEmpty());
    QCOMPARE(AppSettings::instance()->value(AppSettings::Key::LastCollection).toString(), QStringLiteral("local/lab"));
}

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
