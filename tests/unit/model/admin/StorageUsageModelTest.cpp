#include "admin/StorageUsageModel.h"

#include "FakeRegistrySource.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

using Level = StorageUsageModel::QuotaLevel;
Q_DECLARE_METATYPE(Level)

class StorageUsageModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void levels_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<qint64>("quota"); // -1: none
        QTest::addColumn<Level>("level");
        QTest::newRow("no quota") << qint64(5) << qint64(-1) << Level::NoQuota;
        QTest::newRow("empty") << qint64(0) << qint64(100) << Level::Normal;
        QTest::newRow("79 %") << qint64(79) << qint64(100) << Level::Normal;
        QTest::newRow("80 %") << qint64(80) << qint64(100) << Level::Warning;
        QTest::newRow("89.9 %") << qint64(899) << qint64(1000) << Level::Warning;
        QTest::newRow("90 %") << qint64(90) << qint64(100) << Level::Critical;
        QTest::newRow("99 %") << qint64(99) << qint64(100) << Level::Critical;
        QTest::newRow("100 %") << qint64(100) << qint64(100) << Level::Full;
        QTest::newRow("over") << qint64(150) << qint64(100) << Level::Full;
        QTest::newRow("zero quota") << qint64(0) << qint64(0) << Level::Full;
        QTest::newRow("huge") << (qint64(9) << 40) << (qint64(10) << 40) << Level::Critical;
    }

    void levels()
    {
        QFETCH(qint64, bytes);
        QFETCH(qint64, quota);
        QFETCH(Level, level);
        const std::optional<qint64> limit = quota < 0 ? std::nullopt : std::optional<qint64>(quota);
        QCOMPARE(StorageUsageModel::levelOf(bytes, limit), level);
    }

    void largestFirstWithTotals()
    {
        test::FakeRegistrySource source;
        const auto add = [&](const QString& name, qint64 bytes, std::optional<qint64> quota) {
            CollectionRecord record;
            record.name = name;
            record.totalBytes = bytes;
            record.imageCount = 1;
            record.quotaBytes = quota;
            source.addCollectionDirect(record);
        };
        add(QStringLiteral("small"), 10, std::nullopt);
        add(QStringLiteral("big"), 1000, 1100);
        add(QStringLiteral("mid"), 500, std::nullopt);
        source.addOrphanBlob(300);

        StorageUsageModel model(&source);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy totals(&model, &StorageUsageModel::totalsChanged);
        model.reload();
        QTRY_COMPARE(model.rowCount(), 3);
        QCOMPARE(model.usage(0).collection, QStringLiteral("big"));
        QCOMPARE(model.usage(2).collection, QStringLiteral("small"));
        QCOMPARE(totals.count(), 1);
        QCOMPARE(model.referencedBytes(), 1510);
        QCOMPARE(model.reclaimableBytes(), 300);
        QCOMPARE(model.storedBytes(), 1810);
        QCOMPARE(model.largestBytes(), 1100);

        const QModelIndex big = model.index(0, StorageUsageModel::UsedColumn);
        QCOMPARE(big.data(StorageUsageModel::LevelRole).value<Level>(), Level::Critical);
        QVERIFY(qAbs(big.data(StorageUsageModel::FractionRole).toDouble() - 1000.0 / 1100.0) < 1e-9);
        QCOMPARE(big.data().toString(), QStringLiteral("91 %"));
        QCOMPARE(model.index(1, StorageUsageModel::QuotaColumn).data(StorageUsageModel::QuotaRole).toLongLong(), -1);

        // A reload with the same numbers changes nothing a view would notice.
        QSignalSpy changed(&model, &StorageUsageModel::dataChanged);
        QSignalSpy reloaded(&model, &StorageUsageModel::reloaded);
        model.reload();
        QVERIFY(reloaded.wait());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(totals.count(), 1);
    }
};

QTEST_GUILESS_MAIN(StorageUsageModelTest)
#include "StorageUsageModelTest.moc"
