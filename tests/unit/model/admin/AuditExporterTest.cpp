#include "admin/AuditExporter.h"

#include "FakeRegistrySource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;

class AuditExporterTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsEveryMatchingEvent()
    {
        test::FakeRegistrySource source;
        source.addAuditEvents(25, QStringLiteral("alice"), QStringLiteral("image.push"), QStringLiteral("ok"));
        source.addAuditEvents(7, QStringLiteral("bob"), QStringLiteral("image.push"), QStringLiteral("failed"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        AuditExporter exporter(&source);
        exporter.setPageSize(4); // more pages than a view would load
        QSignalSpy finished(&exporter, &AuditExporter::finished);
        AuditFilter filter;
        filter.outcome = QStringLiteral("failed");
        QVERIFY(exporter.start(filter, path));
        QVERIFY(!exporter.start(filter, path)); // one at a time
        QVERIFY(finished.wait());
        QCOMPARE(finished.first().at(0).toInt(), 7);
        QCOMPARE(finished.first().at(2).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("time,actor,action,object_type,object,outcome,detail"));
        QCOMPARE(lines.size(), 1 + 7 + 1); // header, rows, the empty piece after the last CRLF
        QVERIFY(lines.at(1).contains(",bob,image.push,"));
        QVERIFY(!exporter.isRunning());
    }

    void unwritablePathFails()
    {
        test::FakeRegistrySource source;
        source.addAuditEvents(1, QStringLiteral("alice"), QStringLiteral("user.add"), QStringLiteral("ok"));
        AuditExporter exporter(&source);
        QSignalSpy finished(&exporter, &AuditExporter::finished);
        QVERIFY(exporter.start({}, QStringLiteral("/nonexistent-dir/audit.csv")));
        QVERIFY(finished.wait());
        QVERIFY(!finished.first().at(2).toString().isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/nonexistent-dir/audit.csv")));
    }
};

QTEST_GUILESS_MAIN(AuditExporterTest)
#include "AuditExporterTest.moc"
