// The mirror preview as a table: one row per action with what it does to which tag and the bytes that may
// travel, a summary line, under QAbstractItemModelTester.

#include "remote/MirrorPlanModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;
using Kind = remote::MirrorAction::Kind;

class MirrorPlanModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEachActionOfThePlan();
    void emptyPlanHasNoRows();

private:
    static TagRecord tag(const QString& name, const QString& digest, qint64 size, bool frozen = false);
};

TagRecord MirrorPlanModelTest::tag(const QString& name, const QString& digest, qint64 size, bool frozen)
{
    TagRecord record;
    record.collection = QStringLiteral("lab");
    record.container = QStringLiteral("tool");
    record.name = name;
    record.arch = QStringLiteral("amd64");
    record.frozen = frozen;
    record.image.digest = QStringLiteral("sha256.") + digest.repeated(64 / digest.size());
    record.image.size = size;
    record.image.arch = QStringLiteral("amd64");
    return record;
}

void MirrorPlanModelTest::showsEachActionOfThePlan()
{
    // Source: v1 (new here), v2 (frozen at the source, same image here), v3 (differs from a frozen tag here).
    // Target: v2 unfrozen, v3 frozen on another image, old (gone from the source; pruned).
    const QList<TagRecord> source = { tag(QStringLiteral("v1"), QStringLiteral("a"), 1000),
                                      tag(QStringLiteral("v2"), QStringLiteral("b"), 2000, true),
                                      tag(QStringLiteral("v3"), QStringLiteral("c"), 3000) };
    const QList<TagRecord> target = { tag(QStringLiteral("v2"), QStringLiteral("b"), 2000),
                                      tag(QStringLiteral("v3"), QStringLiteral("d"), 4000, true),
                                      tag(QStringLiteral("old"), QStringLiteral("e"), 5000) };
    const remote::MirrorPlan plan = remote::MirrorPlan::make(QStringLiteral("lab"), source, target, true, true);

    MirrorPlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setPlan(plan);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(MirrorPlanModel::ColumnCount));

    QHash<int, int> rowOfKind;
    for (int row = 0; row < model.rowCount(); ++row)
        rowOfKind.insert(model.index(row, 0).data(MirrorPlanModel::KindRole).toInt(), row);
    QCOMPARE(rowOfKind.size(), 4);

    const int copy = rowOfKind.value(int(Kind::Copy));
    QCOMPARE(model.index(copy, MirrorPlanModel::ActionColumn).data().toString(), QStringLiteral("Copy"));
    QCOMPARE(model.index(copy, MirrorPlanModel::TagColumn).data().toString(), QStringLiteral("tool:v1 [amd64]"));
    QCOMPARE(model.index(copy, MirrorPlanModel::DigestColumn).data().toString().size(), 19);
    QVERIFY(model.index(copy, MirrorPlanModel::DigestColumn).data(Qt::ToolTipRole).toString().size() > 19);
    QCOMPARE(model.index(copy, 0).data(MirrorPlanModel::RawSizeRole).toLongLong(), 1000);
    QVERIFY(!model.index(copy, MirrorPlanModel::SizeColumn).data().toString().isEmpty());

    const int freeze = rowOfKind.value(int(Kind::Freeze));
    QCOMPARE(model.index(freeze, MirrorPlanModel::TagColumn).data().toString(), QStringLiteral("tool:v2 [amd64]"));
    QCOMPARE(model.index(freeze, 0).data(MirrorPlanModel::RawSizeRole).toLongLong(), 0);
    QVERIFY(model.index(freeze, MirrorPlanModel::SizeColumn).data().toString().isEmpty());

    const int kept = rowOfKind.value(int(Kind::KeepFrozen));
    QCOMPARE(model.index(kept, MirrorPlanModel::TagColumn).data().toString(), QStringLiteral("tool:v3 [amd64]"));
    QVERIFY(!model.index(kept, MirrorPlanModel::NoteColumn).data().toString().isEmpty());

    const int pruned = rowOfKind.value(int(Kind::Delete));
    QCOMPARE(model.index(pruned, MirrorPlanModel::TagColumn).data().toString(), QStringLiteral("tool:old [amd64]"));

    const QString summary = model.summary();
    QVERIFY2(summary.contains(QStringLiteral("1 image(s) to copy")) || summary.contains(QStringLiteral("1 image")),
             qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("1 to delete")));
    QVERIFY(!summary.contains(QStringLiteral("created")));
    for (int column = 0; column < model.columnCount(); ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    QVERIFY(!model.index(0, 0).parent().isValid());
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void MirrorPlanModelTest::emptyPlanHasNoRows()
{
    MirrorPlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const remote::MirrorPlan plan
        = remote::MirrorPlan::make(QStringLiteral("new"), { tag(QStringLiteral("v1"), QStringLiteral("a"), 10) }, {},
                                   false, false);
    model.setPlan(plan);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.summary().contains(QStringLiteral("new")));
    model.setPlan({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
    QVERIFY(!model.data(model.index(0, 0)).isValid());
}

QTEST_MAIN(MirrorPlanModelTest)
#include "MirrorPlanModelTest.moc"
