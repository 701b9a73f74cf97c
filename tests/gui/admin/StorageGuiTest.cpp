#include "AdminGuiFixture.h"
#include "admin/AdministrationWindow.h"
#include "admin/GcBlobsModel.h"
#include "admin/GcPreviewDialog.h"
#include "admin/InlineMessage.h"
#include "admin/StorageChart.h"
#include "admin/StoragePage.h"
#include "admin/StorageTotalsBar.h"
#include "admin/StorageUsageModel.h"
#include "common/ImageRef.h"
#include "registry/ImageService.h"
#include "storage/BlobStore.h"

#include <QListWidget>
#include <QPushButton>
#include <QTest>

using namespace sreg;

class StorageGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gcPreviewShowsTheReclaimableBlobThenRuns()
    {
        test::AdminGuiFixture fixture;
        const ImageRecord kept
            = fixture.push(QStringLiteral("lab"), QStringLiteral("kept"), QStringLiteral("v1"), 96 * 1024, 21);
        const ImageRecord gone
            = fixture.push(QStringLiteral("lab"), QStringLiteral("gone"), QStringLiteral("v1"), 64 * 1024, 22);
        QVERIFY(kept.size > 0 && gone.size > 0);
        QVERIFY(
            fixture.registry().images().remove(Actor::local(), *ImageRef::parse(QStringLiteral("lab/gone:v1"))).ok());

        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("storage"));
        StoragePage* page = window->storagePage();
        QTRY_COMPARE(page->model()->reclaimableBytes(), gone.size);
        QCOMPARE(page->model()->rowCount(), 1);
        QCOMPARE(page->model()->usage(0).bytes, kept.size);
        QVERIFY(page->chart()->barRect(0).width() > 0);
        QVERIFY(page->totals()->summary().contains(QStringLiteral("reclaimable")));

        QTest::mouseClick(page->gcButton(), Qt::LeftButton);
        QVERIFY(!page->gcButton()->isEnabled()); // one task at a time
        GcPreviewDialog* preview = nullptr;
        QTRY_VERIFY((preview = window->findChild<GcPreviewDialog*>()) != nullptr);
        QCOMPARE(preview->model()->rowCount(), 1);
        QCOMPARE(preview->model()->index(0, GcBlobsModel::DigestColumn).data().toString(), gone.digest);
        QCOMPARE(preview->model()->report().bytes, gone.size);
        // The dry run deleted nothing.
        QVERIFY(fixture.registry().store().exists(*Digest::fromString(gone.digest)).value());

        QTest::mouseClick(preview->deleteButton(), Qt::LeftButton);
        QTRY_VERIFY(page->message()->text().contains(QStringLiteral("freed")));
        QCOMPARE(page->message()->kind(), InlineMessage::Kind::Success);
        QVERIFY(!fixture.registry().store().exists(*Digest::fromString(gone.digest)).value());
        QVERIFY(fixture.registry().store().exists(*Digest::fromString(kept.digest)).value());
        QTRY_COMPARE(page->model()->reclaimableBytes(), 0);
        QVERIFY(fixture.tasks()->tasks().size() >= 2); // both ran as Tasks the dock lists
    }

    void verifyReportsIntactStorage()
    {
        test::AdminGuiFixture fixture;
        QVERIFY(fixture.push(QStringLiteral("lab"), QStringLiteral("a"), QStringLiteral("v1"), 32 * 1024, 5).size > 0);
        AdministrationWindow* window = fixture.openAdministration(QStringLiteral("storage"));
        StoragePage* page = window->storagePage();
        QTest::mouseClick(page->verifyButton(), Qt::LeftButton);
        QTRY_VERIFY(page->message()->text().contains(QStringLiteral("intact")));
        QVERIFY(page->problemList()->isHidden());
    }
};

QTEST_MAIN(StorageGuiTest)
#include "StorageGuiTest.moc"
