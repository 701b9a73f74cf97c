#include "AsyncWait.h"
#include "HistoryModel.h"
#include "LabelsModel.h"
#include "LocalSource.h"
#include "ModelTestSeed.h"
#include "SearchResultsModel.h"
#include "SignaturesModel.h"
#include "SquashfsTreeModel.h"
#include "TaskManager.h"
#include "TempRegistry.h"
#include "registry/ImageService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using sreg::test::awaitResult;

class DetailModelsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void labels();
    void signatures();
    void history();
    void squashfsTreeLoadsLazily();
    void squashfsTreeFailsClearly();
    void searchResults();

private:
    TagRecord tagOf(const QString& container, const QString& tag);
    QJsonObject sifOf(const TagRecord& tag);

    std::unique_ptr<test::TempRegistry> m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
};

void DetailModelsTest::init()
{
    m_temp = std::make_unique<test::TempRegistry>();
    QVERIFY(m_temp->isOpen());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("singularity-like.sif"), QStringLiteral("lab"),
                            QStringLiteral("tool"), { QStringLiteral("v1") }),
             QString());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("v1-layout.sif"), QStringLiteral("lab"),
                            QStringLiteral("tool"), { QStringLiteral("v1") }),
             QString());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("singularity-like.sif"), QStringLiteral("lab"),
                            QStringLiteral("plain"), { QStringLiteral("v1") }),
             QString());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("signed-fake.sif"), QStringLiteral("lab"),
                            QStringLiteral("signed"), { QStringLiteral("v1") }),
             QString());
    m_tasks = std::make_unique<TaskManager>();
    m_source = std::make_unique<LocalSource>(m_temp->shared(), m_tasks.get());
}

void DetailModelsTest::cleanup()
{
    m_source.reset();
    m_tasks.reset();
    m_temp.reset();
}

TagRecord DetailModelsTest::tagOf(const QString& container, const QString& tag)
{
    TagQuery query;
    query.container = container;
    Result<QList<TagRecord>> tags = m_temp->registry().images().tags(Actor::local(), QStringLiteral("lab"), query);
    for (const TagRecord& t : tags.value()) {
        if (t.name == tag)
            return t;
    }
    return {};
}

QJsonObject DetailModelsTest::sifOf(const TagRecord& tag)
{
    auto sif = awaitResult<QJsonObject>([&](QObject* c, auto done) { m_source->imageMetadata(tag.image, c, done); });
    return sif && sif->ok() ? sif->value() : QJsonObject();
}

void DetailModelsTest::labels()
{
    LabelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSifJson(sifOf(tagOf(QStringLiteral("signed"), QStringLiteral("v1"))));
    QCOMPARE(reset.count(), 1);
    QVERIFY(model.rowCount() > 0);
    QString previous;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString key = model.index(row, LabelsModel::KeyColumn).data().toString();
        QVERIFY(key >= previous);
        previous = key;
        QCOMPARE(model.valueOf(key), model.index(row, LabelsModel::ValueColumn).data().toString());
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void DetailModelsTest::signatures()
{
    SignaturesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSifJson(sifOf(tagOf(QStringLiteral("signed"), QStringLiteral("v1"))));
    QVERIFY(model.rowCount() >= 1);
    bool anyFingerprint = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString fingerprint = model.index(row, SignaturesModel::FingerprintColumn).data().toString();
        anyFingerprint = anyFingerprint || fingerprint.size() == 40;
        QVERIFY(!model.index(row, SignaturesModel::DigestsColumn).data().toString().isEmpty());
        QVERIFY(!model.index(row, SignaturesModel::DigestsColumn).data(Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(model.index(row, 0).data(SignaturesModel::JsonRole).toJsonObject().contains(QStringLiteral("kind")));
    }
    QVERIFY(anyFingerprint);
    model.setSifJson(sifOf(tagOf(QStringLiteral("plain"), QStringLiteral("v1"))));
    QCOMPARE(model.rowCount(), 0);
}

void DetailModelsTest::history()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &HistoryModel::loaded);
    const TagRecord tag = tagOf(QStringLiteral("tool"), QStringLiteral("v1"));
    model.setTag(m_source.get(), tag);
    QVERIFY(model.isLoading());
    QVERIFY(loaded.wait(5000));
    QVERIFY(model.rowCount() >= 2); // set, then moved to the second push
    QCOMPARE(model.index(0, HistoryModel::DigestColumn).data(HistoryModel::DigestRole).toString(), tag.image.digest);
    QVERIFY(model.index(0, HistoryModel::WhenColumn).data(HistoryModel::TimeRole).toLongLong()
            >= model.index(1, HistoryModel::WhenColumn).data(HistoryModel::TimeRole).toLongLong());
    QVERIFY(!model.index(0, HistoryModel::ActionColumn).data().toString().isEmpty());
    // A second tag before the first answer: only the second one's rows show.
    model.setTag(m_source.get(), tagOf(QStringLiteral("signed"), QStringLiteral("v1")));
    model.clear();
    QTest::qWait(100);
    QCOMPARE(model.rowCount(), 0);
}

void DetailModelsTest::squashfsTreeLoadsLazily()
{
    SquashfsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy listed(&model, &SquashfsTreeModel::directoryLoaded);
    model.setImage(m_source.get(), tagOf(QStringLiteral("tool"), QStringLiteral("v1")).image);
    QCOMPARE(model.state(), SquashfsTreeModel::State::Opening);
    QVERIFY(listed.wait(5000));
    QCOMPARE(model.state(), SquashfsTreeModel::State::Ready);
    QVERIFY(model.rowCount() > 0);
    QModelIndex singularityD;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(SquashfsTreeModel::PathRole).toString() == u"/.singularity.d")
            singularityD = index;
    }
    QVERIFY(singularityD.isValid());
    QVERIFY(singularityD.data(SquashfsTreeModel::IsDirectoryRole).toBool());
    QVERIFY(model.hasChildren(singularityD));
    // Read when first fetched (the model tester may have fetched it already).
    model.fetchMore(singularityD);
    QTRY_VERIFY(model.rowCount(singularityD) > 0);
    QVERIFY(!model.canFetchMore(singularityD));

    QModelIndex file;
    for (int row = 0; row < model.rowCount(singularityD) && !file.isValid(); ++row) {
        const QModelIndex index = model.index(row, 0, singularityD);
        if (index.data(SquashfsTreeModel::IsFileRole).toBool())
            file = index;
    }
    QVERIFY(file.isValid());
    QCOMPARE(model.parent(file), singularityD);
    std::optional<Result<QByteArray>> bytes;
    model.readFile(file, 1024 * 1024, [&bytes](Result<QByteArray> r) { bytes.emplace(std::move(r)); });
    QTRY_VERIFY(bytes.has_value());
    QVERIFY(bytes->ok());
    QCOMPARE(bytes->value().size(), file.data(SquashfsTreeModel::RawSizeRole).toLongLong());

    QTemporaryDir dir;
    std::optional<Status> saved;
    const QString target = dir.filePath(QStringLiteral("saved"));
    model.saveFile(file, target, [&saved](Status s) { saved.emplace(std::move(s)); });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(saved->ok());
    QCOMPARE(QFile(target).size(), bytes->value().size());

    // Directories cannot be read as files.
    std::optional<Result<QByteArray>> refused;
    model.readFile(singularityD, 1024, [&refused](Result<QByteArray> r) { refused.emplace(std::move(r)); });
    QVERIFY(refused.has_value() && !refused->ok());

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.state(), SquashfsTreeModel::State::Empty);
    QCOMPARE(model.rowCount(), 0);
}

void DetailModelsTest::squashfsTreeFailsClearly()
{
    SquashfsTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy state(&model, &SquashfsTreeModel::stateChanged);
    ImageRecord missing = tagOf(QStringLiteral("tool"), QStringLiteral("v1")).image;
    missing.digest = QStringLiteral("sha256.") + QString(64, u'0');
    model.setImage(m_source.get(), missing);
    QTRY_COMPARE(model.state(), SquashfsTreeModel::State::Failed);
    QVERIFY(!model.errorMessage().isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void DetailModelsTest::searchResults()
{
    SearchResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &SearchResultsModel::finished);
    model.search({ m_source.get() }, QStringLiteral("signed"));
    QVERIFY(model.isSearching());
    QVERIFY(finished.wait(5000));
    QVERIFY(!model.isSearching());
    QCOMPARE(model.text(), QStringLiteral("signed"));
    QVERIFY(model.rowCount() >= 2); // the container and its image
    bool sawContainer = false;
    bool sawImage = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto kind = SearchResultsModel::Kind(model.index(row, 0).data(SearchResultsModel::KindRole).toInt());
        QCOMPARE(model.index(row, 0).data(SearchResultsModel::CollectionRole).toString(), QStringLiteral("lab"));
        if (kind == SearchResultsModel::Kind::Container)
            sawContainer = true;
        if (kind == SearchResultsModel::Kind::Image) {
            sawImage = true;
            QCOMPARE(model.index(row, 0).data(SearchResultsModel::ImageRole).value<ImageRecord>().container,
                     QStringLiteral("signed"));
            QCOMPARE(model.index(row, SearchResultsModel::NameColumn).data().toString(),
                     QStringLiteral("lab/signed:v1"));
        }
        QCOMPARE(model.index(row, SearchResultsModel::RegistryColumn).data().toString(),
                 QStringLiteral("This computer"));
    }
    QVERIFY(sawContainer && sawImage);

    // Labels are searched too (the fixture's labels name the build).
    model.search({ m_source.get() }, QStringLiteral("nothing-matches-this"));
    QVERIFY(finished.wait(5000));
    QCOMPARE(model.rowCount(), 0);
    model.search({ m_source.get() }, QString());
    QCOMPARE(finished.last().at(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(DetailModelsTest)
#include "DetailModelsTest.moc"
