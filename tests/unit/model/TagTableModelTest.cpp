#include "TagTableModel.h"

#include "LocalSource.h"
#include "ModelTestSeed.h"
#include "TagFilterProxyModel.h"
#include "TaskManager.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "registry/ImageService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class TagTableModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsTagsOfACollection();
    void pagesWithFetchMore();
    void fetchAllLoadsTheRest();
    void changesMergeWithoutReset();
    void proxySortsAndFilters();
    void switchingCollectionDropsLateAnswers();

private:
    void showLab();

    std::unique_ptr<test::TempRegistry> m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<TagTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TagTableModelTest::init()
{
    m_temp = std::make_unique<test::TempRegistry>();
    QVERIFY(m_temp->isOpen());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("singularity-like.sif"), QStringLiteral("lab"),
                            QStringLiteral("tool"), { QStringLiteral("v1"), QStringLiteral("latest") }),
             QString());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("signed-fake.sif"), QStringLiteral("lab"),
                            QStringLiteral("signed"), { QStringLiteral("v2") }),
             QString());
    m_tasks = std::make_unique<TaskManager>();
    m_source = std::make_unique<LocalSource>(m_temp->shared(), m_tasks.get());
    m_model = std::make_unique<TagTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TagTableModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_source.reset();
    m_tasks.reset();
    m_temp.reset();
}

void TagTableModelTest::showLab()
{
    QSignalSpy loaded(m_model.get(), &TagTableModel::pageLoaded);
    m_model->setCollection(m_source.get(), QStringLiteral("lab"));
    QVERIFY(m_model->isLoading());
    QVERIFY(loaded.wait(5000));
}

void TagTableModelTest::showsTagsOfACollection()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    showLab();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QVERIFY(m_model->isComplete());
    QVERIFY(!m_model->canFetchMore({}));
    QCOMPARE(m_model->collection(), QStringLiteral("lab"));
    QCOMPARE(m_model->source(), m_source.get());

    // Load order: container, tag, arch.
    QCOMPARE(m_model->index(0, TagTableModel::ContainerColumn).data().toString(), QStringLiteral("signed"));
    QCOMPARE(m_model->index(1, TagTableModel::TagColumn).data().toString(), QStringLiteral("latest"));
    QCOMPARE(m_model->index(2, TagTableModel::TagColumn).data().toString(), QStringLiteral("v1"));

    const QModelIndex signedRow = m_model->index(0, TagTableModel::SignedColumn);
    QCOMPARE(signedRow.data(Qt::AccessibleTextRole).toString(), QStringLiteral("Signed"));
    QVERIFY(!signedRow.data(Qt::DecorationRole).isNull());
    QCOMPARE(m_model->index(1, TagTableModel::SignedColumn).data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("Not signed"));
    const TagRecord tag = m_model->index(2, 0).data(TagTableModel::RecordRole).value<TagRecord>();
    QCOMPARE(tag.name, QStringLiteral("v1"));
    QCOMPARE(m_model->tagAt(2).id, tag.id);
    QCOMPARE(m_model->index(2, 0).data(TagTableModel::IdRole).toLongLong(), tag.id);
    QCOMPARE(m_model->index(2, 0).data(TagTableModel::RawSizeRole).toLongLong(), tag.image.size);
    QCOMPARE(m_model->index(2, TagTableModel::SizeColumn).data(TagTableModel::SortRole).toLongLong(), tag.image.size);
    QCOMPARE(m_model->index(2, 0).data(TagTableModel::DigestRole).toString(), tag.image.digest);
    QCOMPARE(m_model->index(2, 0).data(TagTableModel::PullReferenceRole).toString(),
             QStringLiteral("library://lab/tool:v1"));
    QCOMPARE(m_model->index(2, TagTableModel::DigestColumn).data().toString().size(), 19);
    QCOMPARE(m_model->index(2, TagTableModel::ArchColumn).data().toString(), QStringLiteral("amd64"));
    QCOMPARE(m_model->rowOfKey(QStringLiteral("tool:v1:amd64")), 2);
    QCOMPARE(m_model->recordAt(2).id, tag.id);
    QCOMPARE(m_model->tagsOfImage(tag), QStringList({ QStringLiteral("latest"), QStringLiteral("v1") }));
    QVERIFY(m_model->flags(m_model->index(0, 0)).testFlag(Qt::ItemIsDragEnabled));
    for (int c = 0; c < TagTableModel::ColumnCount; ++c)
        QVERIFY(!m_model->headerData(c, Qt::Horizontal).toString().isEmpty());
}

void TagTableModelTest::pagesWithFetchMore()
{
    Result<ImageRecord> image
        = m_temp->registry().images().resolve(Actor::local(), *ImageRef::parse(QStringLiteral("lab/tool:v1")));
    QVERIFY(image.ok());
    const int extra = TagTableModel::PageSize + 200;
    for (int i = 0; i < extra; ++i)
        QVERIFY(m_temp->registry()
                    .images()
                    .setTag(Actor::local(), *image, QStringLiteral("t%1").arg(i, 5, 10, QChar(u'0')))
                    .ok());
    // The tester fetches whatever it can: paging is checked on its own.
    m_tester.reset();
    showLab();
    QCOMPARE(m_model->rowCount(), TagTableModel::PageSize);
    QVERIFY(!m_model->isComplete());
    QVERIFY(m_model->canFetchMore({}));
    QSignalSpy loaded(m_model.get(), &TagTableModel::pageLoaded);
    m_model->fetchMore({});
    QVERIFY(!m_model->canFetchMore({})); // one page at a time
    QVERIFY(loaded.wait(5000));
    QCOMPARE(m_model->rowCount(), extra + 3);
    QVERIFY(m_model->isComplete());
    // Keys are unique: paging neither skipped nor repeated a row.
    QSet<QString> keys;
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys.insert(m_model->index(row, 0).data(TagTableModel::KeyRole).toString());
    QCOMPARE(keys.size(), m_model->rowCount());
}

void TagTableModelTest::fetchAllLoadsTheRest()
{
    Result<ImageRecord> image = m_temp->registry().images().resolve(Actor::local(), *ImageRef::parse(QStringLiteral("lab/tool:v1")));
    QVERIFY(image.ok());
    for (int i = 0; i < TagTableModel::PageSize + 10; ++i)
        QVERIFY(m_temp->registry().images().setTag(Actor::local(), *image, QStringLiteral("t%1").arg(i, 5, 10, QChar(u'0'))).ok());
    m_tester.reset();
    showLab();
    QVERIFY(!m_model->isComplete());
    QSignalSpy loaded(m_model.get(), &TagTableModel::pageLoaded);
    m_model->fetchAll();
    QTRY_VERIFY(m_model->isComplete());
    QCOMPARE(m_model->rowCount(), TagTableModel::PageSize + 13);
    QCOMPARE(loaded.count(), 1); // the rest in one bigger step
}

void TagTableModelTest::changesMergeWithoutReset()
{
    showLab();
    QPersistentModelIndex v1 = m_model->index(2, 0);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

    // An upload through the source: the new row appears in key order, v1 keeps its persistent index.
    PushRequest request;
    request.collection = QStringLiteral("lab");
    request.container = QStringLiteral("another");
    request.tags = { QStringLiteral("v9") };
    m_source->pushFile(test::fixture(QStringLiteral("v1-layout.sif")), request);
    QTRY_COMPARE(m_model->rowCount(), 4);
    QTest::qWait(300); // the second announcement of the push (the collection list) changes nothing here
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("another"));
    QVERIFY(v1.isValid());
    QCOMPARE(v1.row(), 3);
    QCOMPARE(v1.data(TagTableModel::KeyRole).toString(), QStringLiteral("tool:v1:amd64"));

    // Freezing a tag changes that row only.
    QObject context;
    m_source->setFrozen(m_model->tagAt(v1.row()), true, &context, [](Result<bool>) {});
    QTRY_COMPARE(m_model->index(v1.row(), TagTableModel::FrozenColumn).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Frozen"));
    QVERIFY(changed.count() >= 1);
    m_source->setFrozen(m_model->tagAt(v1.row()), false, &context, [](Result<bool>) {});
    QTRY_COMPARE(m_model->index(v1.row(), TagTableModel::FrozenColumn).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Not frozen"));

    // Deleting a tag removes its row.
    ImageRef ref = *ImageRef::parse(QStringLiteral("lab/tool:latest"));
    m_source->remove(ref, QStringLiteral("amd64"), &context, [](Result<bool>) {});
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(v1.data(TagTableModel::KeyRole).toString(), QStringLiteral("tool:v1:amd64"));

    // Another collection's change is not ours.
    inserted.clear();
    Q_EMIT m_source->collectionChanged(QStringLiteral("elsewhere"));
    QTest::qWait(50);
    QVERIFY(!m_model->isLoading());
}

void TagTableModelTest::proxySortsAndFilters()
{
    showLab();
    TagFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(proxy.rowCount(), 3);

    proxy.setFilterText(QStringLiteral("tool"));
    QCOMPARE(proxy.filterText(), QStringLiteral("tool"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setFilterText(QStringLiteral("tool latest"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterText({});
    proxy.setSignedOnly(true);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, TagTableModel::ContainerColumn).data().toString(), QStringLiteral("signed"));
    proxy.setSignedOnly(false);
    proxy.setArchFilter(QStringLiteral("arm64"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setArchFilter({});
    proxy.setFrozenOnly(true);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFrozenOnly(false);
    QCOMPARE(proxy.rowCount(), 3);

    // Sizes sort as numbers, not as "1.2 KiB" text.
    proxy.sort(TagTableModel::SizeColumn, Qt::DescendingOrder);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const qint64 size = proxy.index(row, 0).data(TagTableModel::RawSizeRole).toLongLong();
        QVERIFY(size <= previous);
        previous = size;
    }
}

void TagTableModelTest::switchingCollectionDropsLateAnswers()
{
    m_model->setCollection(m_source.get(), QStringLiteral("lab"));
    m_model->setCollection(m_source.get(), QString()); // before the first answer lands
    QCOMPARE(m_model->rowCount(), 0);
    QTest::qWait(100);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_model->canFetchMore({}));

    QSignalSpy failed(m_model.get(), &TagTableModel::loadFailed);
    m_model->setCollection(m_source.get(), QStringLiteral("missing"));
    QVERIFY(failed.wait(5000));
    QVERIFY(!m_model->canFetchMore({}));
}

QTEST_GUILESS_MAIN(TagTableModelTest)
#include "TagTableModelTest.moc"
