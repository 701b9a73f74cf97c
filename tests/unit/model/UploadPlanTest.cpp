#include "TestSupport.h"
#include "UploadInspector.h"
#include "UploadPlanModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;

class UploadPlanTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proposesNamesFromFileNameAndLabels_data();
    void proposesNamesFromFileNameAndLabels();
    void refusesNonSifBeforeSendingAnything();
    void foldersAreSearchedForSifFiles();
    void planModelValidatesEdits();
};

void UploadPlanTest::proposesNamesFromFileNameAndLabels_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("tag");
    QTest::newRow("apptainer pull name") << "lolcow_latest.sif"
                                         << ""
                                         << "lolcow"
                                         << "latest";
    QTest::newRow("plain name") << "samtools.sif"
                                << ""
                                << "samtools"
                                << "latest";
    QTest::newRow("version label") << "samtools.sif"
                                   << "1.17"
                                   << "samtools"
                                   << "1.17";
    QTest::newRow("upper case and spaces") << "My Tool_V2.SIF"
                                           << ""
                                           << "my-tool"
                                           << "v2";
    QTest::newRow("colon") << "bwa:0.7.17.sif"
                           << ""
                           << "bwa"
                           << "0.7.17";
    QTest::newRow("nothing usable") << "___.sif"
                                    << ""
                                    << "image"
                                    << "latest";
}

void UploadPlanTest::proposesNamesFromFileNameAndLabels()
{
    QFETCH(QString, file);
    QFETCH(QString, version);
    QFETCH(QString, container);
    QFETCH(QString, tag);
    QMap<QString, QString> labels;
    if (!version.isEmpty())
        labels.insert(QStringLiteral("org.opencontainers.image.version"), version);
    const auto [proposedContainer, proposedTag] = UploadInspector::propose(file, labels);
    QCOMPARE(proposedContainer, container);
    QCOMPARE(proposedTag, tag);
}

void UploadPlanTest::refusesNonSifBeforeSendingAnything()
{
    QTemporaryDir dir;
    const QString text = dir.filePath(QStringLiteral("notes.sif"));
    QVERIFY(test::writeFile(text, "just some notes\n"));
    const QList<UploadCandidate> candidates = UploadInspector::inspect(
        { text, test::fixture(QStringLiteral("legacy-squashfs.simg")),
          test::fixture(QStringLiteral("broken/truncated-header.sif")),
          test::fixture(QStringLiteral("singularity-like.sif")), dir.filePath(QStringLiteral("missing.sif")) });
    QCOMPARE(candidates.size(), 5);
    QVERIFY(!candidates[0].accepted);
    QVERIFY2(candidates[0].refusal.contains(QStringLiteral("Not a SIF")), qPrintable(candidates[0].refusal));
    QVERIFY(!candidates[1].accepted);
    QVERIFY2(candidates[1].refusal.contains(QStringLiteral("squashfs"), Qt::CaseInsensitive),
             qPrintable(candidates[1].refusal));
    QVERIFY(!candidates[2].accepted);
    QVERIFY(!candidates[2].refusal.isEmpty());
    QVERIFY(candidates[3].accepted);
    QCOMPARE(candidates[3].container, QStringLiteral("singularity-like"));
    QCOMPARE(candidates[3].arch, QStringLiteral("amd64"));
    QVERIFY(!candidates[3].labels.isEmpty());
    QVERIFY(!candidates[4].accepted);
}

void UploadPlanTest::foldersAreSearchedForSifFiles()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("sub/deeper")));
    QVERIFY(
        QFile::copy(test::fixture(QStringLiteral("singularity-like.sif")), dir.filePath(QStringLiteral("a_v1.sif"))));
    QVERIFY(QFile::copy(test::fixture(QStringLiteral("v1-layout.sif")),
                        dir.filePath(QStringLiteral("sub/deeper/b_v2.sif"))));
    QVERIFY(test::writeFile(dir.filePath(QStringLiteral("sub/readme.txt")), "ignored: not named .sif\n"));
    const QList<UploadCandidate> candidates = UploadInspector::inspect({ dir.path() });
    QCOMPARE(candidates.size(), 2);
    QVERIFY(candidates[0].accepted && candidates[1].accepted);
    QCOMPARE(candidates[0].container + u':' + candidates[0].tag, QStringLiteral("a:v1"));
    QCOMPARE(candidates[1].container + u':' + candidates[1].tag, QStringLiteral("b:v2"));
    QCOMPARE(UploadInspector::inspect({ dir.path() }, 1).size(), 1);
}

void UploadPlanTest::planModelValidatesEdits()
{
    UploadPlanModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy validity(&model, &UploadPlanModel::validityChanged);
    UploadCandidate good;
    good.path = QStringLiteral("/x/a.sif");
    good.accepted = true;
    good.container = QStringLiteral("a");
    good.tag = QStringLiteral("latest");
    good.arch = QStringLiteral("amd64");
    UploadCandidate other = good;
    other.path = QStringLiteral("/x/b.sif");
    other.container = QStringLiteral("b");
    UploadCandidate refused;
    refused.path = QStringLiteral("/x/c.txt");
    refused.refusal = QStringLiteral("Not a SIF image");
    model.setCandidates({ good, other, refused });
    QVERIFY(model.isValid());
    QCOMPARE(model.acceptedCount(), 2);
    QCOMPARE(model.refusedCount(), 1);
    QVERIFY(model.flags(model.index(0, UploadPlanModel::ContainerColumn)).testFlag(Qt::ItemIsEditable));
    QVERIFY(!model.flags(model.index(2, UploadPlanModel::ContainerColumn)).testFlag(Qt::ItemIsEditable));
    QVERIFY(!model.flags(model.index(0, UploadPlanModel::FileColumn)).testFlag(Qt::ItemIsEditable));
    QVERIFY(model.index(2, UploadPlanModel::StatusColumn).data().toString().contains(QStringLiteral("Not a SIF")));

    // A name breaking the rule, then a duplicate target: invalid; fixed: valid again.
    QVERIFY(model.setData(model.index(0, UploadPlanModel::TagColumn), QStringLiteral("bad tag!")));
    QVERIFY(!model.isValid());
    QVERIFY(!model.problemOf(0).isEmpty());
    QVERIFY(model.setData(model.index(0, UploadPlanModel::TagColumn), QStringLiteral("V1")));
    QCOMPARE(model.index(0, UploadPlanModel::TagColumn).data().toString(), QStringLiteral("v1")); // lower-cased
    QVERIFY(model.isValid());
    QVERIFY(model.setData(model.index(1, UploadPlanModel::ContainerColumn), QStringLiteral("a")));
    QVERIFY(model.setData(model.index(1, UploadPlanModel::TagColumn), QStringLiteral("v1")));
    QVERIFY(!model.isValid());
    QVERIFY(model.problemOf(1).contains(QStringLiteral("a:v1")));
    QVERIFY(model.setData(model.index(1, UploadPlanModel::TagColumn), QStringLiteral("v2")));
    QVERIFY(model.isValid());
    QVERIFY(validity.count() >= 4);
    QVERIFY(!model.setData(model.index(2, UploadPlanModel::TagColumn), QStringLiteral("x")));

    const QList<UploadCandidate> uploads = model.uploads();
    QCOMPARE(uploads.size(), 2);
    QCOMPARE(uploads[1].container + u':' + uploads[1].tag, QStringLiteral("a:v2"));
}

QTEST_GUILESS_MAIN(UploadPlanTest)
#include "UploadPlanTest.moc"
