#include "FakeRegistrySource.h"
#include "admin/CopyField.h"
#include "admin/NameEdit.h"
#include "admin/QuotaEdit.h"
#include "admin/StorageChart.h"
#include "admin/StorageUsageModel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace sreg;

// The small widgets the pages are made of.
class AdminWidgetsGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameRule_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QStringLiteral("lab") << true;
        QTest::newRow("separators") << QStringLiteral("a.b_c-d9") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("upper") << QStringLiteral("Lab") << false;
        QTest::newRow("space") << QStringLiteral("my lab") << false;
        QTest::newRow("leading") << QStringLiteral("-lab") << false;
        QTest::newRow("trailing") << QStringLiteral("lab.") << false;
        QTest::newRow("double") << QStringLiteral("a--b") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("long") << QString(129, u'a') << false;
    }

    void nameRule()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        NameEdit edit;
        QSignalSpy validity(&edit, &NameEdit::validityChanged);
        QTest::keyClicks(edit.lineEdit(), name);
        QCOMPARE(edit.isValid(), valid);
        QCOMPARE(NameEdit::whyInvalid(name).isEmpty(), valid);
        QCOMPARE(edit.problem().isEmpty(), valid || name.isEmpty()); // silent until something is typed
        if (valid) // typed a character at a time, the name may pass through invalid states on the way
            QCOMPARE(validity.last().first().toBool(), true);
    }

    void quotaKeepsItsExactValue()
    {
        QuotaEdit edit;
        QSignalSpy changed(&edit, &QuotaEdit::valueChanged);
        edit.setValue(107400); // shown as 0.1 MiB
        QCOMPARE(edit.value(), std::optional<qint64>(107400));
        edit.setValue(std::nullopt);
        QCOMPARE(edit.value(), std::nullopt);
        edit.setValue(qint64(5) << 30);
        QCOMPARE(edit.findChild<QDoubleSpinBox*>()->value(), 5.0);
        edit.findChild<QDoubleSpinBox*>()->setValue(2.5); // the user edits it
        QCOMPARE(edit.value(), std::optional<qint64>(qint64(5) << 29));
        edit.findChild<QCheckBox*>()->setChecked(false);
        QCOMPARE(edit.value(), std::nullopt);
        QVERIFY(changed.count() >= 3);
    }

    void copyField()
    {
        CopyField field(QStringLiteral("the command"), false);
        field.setText(QStringLiteral("apptainer remote login desktop"));
        QVERIFY(!field.copyButton()->accessibleName().isEmpty());
        QSignalSpy copied(&field, &CopyField::copied);
        QTest::mouseClick(field.copyButton(), Qt::LeftButton);
        QCOMPARE(copied.count(), 1);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("apptainer remote login desktop"));
    }

    void chartBarsFollowTheModel()
    {
        test::FakeRegistrySource source;
        CollectionRecord big;
        big.name = QStringLiteral("big");
        big.totalBytes = 1000;
        CollectionRecord small;
        small.name = QStringLiteral("small");
        small.totalBytes = 250;
        small.quotaBytes = 500;
        source.addCollectionDirect(big);
        source.addCollectionDirect(small);
        StorageUsageModel model(&source);
        StorageChart chart;
        chart.setModel(&model);
        chart.resize(600, 200);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        model.reload();
        QTRY_COMPARE(model.rowCount(), 2);
        const QRect first = chart.barRect(0);
        const QRect second = chart.barRect(1);
        QCOMPARE(first.left(), second.left());
        QVERIFY(qAbs(first.width() - 4 * second.width()) <= 4); // one scale for all bars
        QCOMPARE(chart.rowAt(first.center()), 0);
        QCOMPARE(chart.rowAt(second.center()), 1);
        QVERIFY(chart.accessibleDescription().contains(QStringLiteral("big")));
        QSignalSpy activated(&chart, &StorageChart::collectionActivated);
        QTest::mouseClick(&chart, Qt::LeftButton, {}, second.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("small"));
        QVERIFY(!chart.grab().isNull()); // paints without a fuss
    }
};

QTEST_MAIN(AdminWidgetsGuiTest)
#include "AdminWidgetsGuiTest.moc"
