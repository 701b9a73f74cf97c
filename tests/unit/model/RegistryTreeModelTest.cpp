#include "RegistryTreeModel.h"

#include "LocalSource.h"
#include "ModelTestSeed.h"
#include "TaskManager.h"
#include "TempRegistry.h"
#include "registry/CollectionService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sreg;

class RegistryTreeModelTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void sourcesAreTopLevelAndLazy();
    void collectionsShowCountsSizeAndPrivacy();
    void changesMergeIntoRows();
    void removedSourceLeaves();

private:
    void loadLocal();

    std::unique_ptr<test::TempRegistry> m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
    std::unique_ptr<RegistryTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void RegistryTreeModelTest::init()
{
    m_temp = std::make_unique<test::TempRegistry>();
    QVERIFY(m_temp->isOpen());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("singularity-like.sif"), QStringLiteral("alpha"),
                            QStringLiteral("tool"), { QStringLiteral("v1") }),
             QString());
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("v1-layout.sif"), QStringLiteral("beta"),
                            QStringLiteral("tool"), { QStringLiteral("v1") }),
             QString());
    QVERIFY(m_temp->registry().collections().create(Actor::local(), QStringLiteral("secret"), {}, true).ok());
    m_tasks = std::make_unique<TaskManager>();
    m_source = std::make_unique<LocalSource>(m_temp->shared(), m_tasks.get());
    m_model = std::make_unique<RegistryTreeModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void RegistryTreeModelTest::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_source.reset();
    m_tasks.reset();
    m_temp.reset();
}

void RegistryTreeModelTest::loadLocal()
{
    m_model->addSource(m_source.get());
    const QModelIndex local = m_model->indexOfSource(m_source.get());
    // The model tester fetches what it can, so the load may be under way already.
    m_model->fetchMore(local);
    QVERIFY(!m_model->canFetchMore(local)); // one load at a time
    QTRY_VERIFY(m_model->isLoaded(m_source.get()));
}

void RegistryTreeModelTest::sourcesAreTopLevelAndLazy()
{
    // Without the tester, which fetches everything it can.
    m_tester.reset();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->addSource(m_source.get());
    m_model->addSource(m_source.get()); // twice is once
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    const QModelIndex local = m_model->index(0, 0);
    QCOMPARE(local.data().toString(), QStringLiteral("This computer"));
    QCOMPARE(local.data(RegistryTreeModel::KindRole).value<RegistryTreeModel::Kind>(), RegistryTreeModel::Kind::Source);
    QCOMPARE(m_model->sourceAt(local), m_source.get());
    QVERIFY(m_model->collectionAt(local).isEmpty());
    // Nothing is read until someone looks.
    QCOMPARE(m_model->rowCount(local), 0);
    QVERIFY(m_model->hasChildren(local));
    QVERIFY(!m_model->isLoaded(m_source.get()));
    QCOMPARE(m_model->sources(), QList<RegistrySource*> { m_source.get() });

    QSignalSpy loaded(m_model.get(), &RegistryTreeModel::sourceLoaded);
    m_model->fetchMore(local);
    QVERIFY(loaded.wait(5000));
    QVERIFY(m_model->isLoaded(m_source.get()));
    QCOMPARE(m_model->rowCount(local), 3);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.last().at(0).value<QModelIndex>(), local);
    QVERIFY(!m_model->canFetchMore(local));
}

void RegistryTreeModelTest::collectionsShowCountsSizeAndPrivacy()
{
    loadLocal();
    const QModelIndex alpha = m_model->indexOfCollection(m_source.get(), QStringLiteral("alpha"));
    QVERIFY(alpha.isValid());
    QCOMPARE(m_model->collectionAt(alpha), QStringLiteral("alpha"));
    QCOMPARE(m_model->sourceAt(alpha), m_source.get());
    QCOMPARE(alpha.data(RegistryTreeModel::ImageCountRole).toLongLong(), 1);
    QVERIFY(alpha.data(RegistryTreeModel::RawSizeRole).toLongLong() > 0);
    QCOMPARE(alpha.siblingAtColumn(RegistryTreeModel::ImagesColumn).data().toString(), QStringLiteral("1"));
    QVERIFY(!alpha.siblingAtColumn(RegistryTreeModel::SizeColumn).data().toString().isEmpty());
    QVERIFY(!alpha.data(RegistryTreeModel::IsPrivateRole).toBool());
    QCOMPARE(alpha.data(RegistryTreeModel::KindRole).value<RegistryTreeModel::Kind>(),
             RegistryTreeModel::Kind::Collection);
    const QModelIndex secret = m_model->indexOfCollection(m_source.get(), QStringLiteral("secret"));
    QVERIFY(secret.data(RegistryTreeModel::IsPrivateRole).toBool());
    QVERIFY(secret.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Private")));
    QCOMPARE(secret.data(RegistryTreeModel::CollectionRole).value<CollectionRecord>().name, QStringLiteral("secret"));
    // The source row sums its collections.
    const QModelIndex local = m_model->indexOfSource(m_source.get());
    QCOMPARE(local.data(RegistryTreeModel::ImageCountRole).toLongLong(), 2);
    QVERIFY(m_model->flags(alpha).testFlag(Qt::ItemIsDropEnabled));
}

void RegistryTreeModelTest::changesMergeIntoRows()
{
    loadLocal();
    const QModelIndex local = m_model->indexOfSource(m_source.get());
    QPersistentModelIndex beta = m_model->indexOfCollection(m_source.get(), QStringLiteral("beta"));
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    // A new collection through the source: one row inserted in name order, the others untouched.
    QObject context;
    m_source->createCollection(QStringLiteral("aardvark"), {}, false, &context, [](Result<CollectionRecord>) {});
    QTRY_COMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(m_model->collectionAt(m_model->index(0, 0, local)), QStringLiteral("aardvark"));
    QVERIFY(beta.isValid());
    QCOMPARE(m_model->collectionAt(beta), QStringLiteral("beta"));

    // A push into beta updates its counts in place.
    QCOMPARE(test::seedPush(m_temp->registry(), QStringLiteral("signed-fake.sif"), QStringLiteral("beta"),
                            QStringLiteral("other"), { QStringLiteral("v2") }),
             QString());
    changed.clear();
    Q_EMIT m_source->collectionChanged(QStringLiteral("beta"));
    QTRY_COMPARE(beta.data(RegistryTreeModel::ImageCountRole).toLongLong(), 2);
    QVERIFY(changed.count() >= 1);

    // A deleted collection: its row goes, the persistent index of beta follows.
    m_source->deleteCollection(QStringLiteral("alpha"), &context, [](Result<bool>) {});
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(local), 3);
    QVERIFY(beta.isValid());
    QCOMPARE(m_model->collectionAt(beta), QStringLiteral("beta"));
    QCOMPARE(reset.count(), 0);
}

void RegistryTreeModelTest::removedSourceLeaves()
{
    loadLocal();
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_source.reset(); // destroyed: the tree drops it by itself
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
}

QTEST_GUILESS_MAIN(RegistryTreeModelTest)
#include "RegistryTreeModelTest.moc"
