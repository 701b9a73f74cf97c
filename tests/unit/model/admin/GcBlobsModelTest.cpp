#include "admin/GcBlobsModel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class GcBlobsModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void largestFirst()
    {
        GcBlobsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &GcBlobsModel::modelReset);
        GcReport report;
        report.blobs = { { *Digest::fromHex(QString(64, u'1')), 10 }, { *Digest::fromHex(QString(64, u'2')), 2048 } };
        report.bytes = 2058;
        model.setReport(report);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, GcBlobsModel::SizeColumn).data(GcBlobsModel::BytesRole).toLongLong(), 2048);
        QCOMPARE(model.index(0, GcBlobsModel::DigestColumn).data().toString(),
                 QStringLiteral("sha256.") + QString(64, u'2'));
        QCOMPARE(model.index(0, GcBlobsModel::SizeColumn).data().toString(), QStringLiteral("2.0 KiB"));
        QCOMPARE(model.report().bytes, 2058);
    }
};

QTEST_GUILESS_MAIN(GcBlobsModelTest)
#include "GcBlobsModelTest.moc"
