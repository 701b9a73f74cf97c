#include "LocalSource.h"

#include "AsyncWait.h"
#include "Task.h"
#include "TaskManager.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "common/ByteSource.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using sreg::test::awaitResult;

class LocalSourceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void identity();
    void pushBrowseAndInspect();
    void refusedPushIsAFailedTask();
    void callbackDroppedWhenContextDies();
    void mutationsAnnounceChanges();
    void removeTagAndHistory();
    void pullToFile();
    void copyAndMoveBetweenCollections();
    void accountsAndMaintenance();

private:
    Task* pushFixture(const QString& fixture, const QString& collection, const QString& container, const QString& tag);

    std::unique_ptr<test::TempRegistry> m_temp;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_source;
};

void LocalSourceTest::init()
{
    m_temp = std::make_unique<test::TempRegistry>();
    QVERIFY2(m_temp->isOpen(), qPrintable(m_temp->openError()));
    m_tasks = std::make_unique<TaskManager>();
    m_source = std::make_unique<LocalSource>(m_temp->shared(), m_tasks.get());
}

void LocalSourceTest::cleanup()
{
    m_source.reset();
    m_tasks.reset();
    m_temp.reset();
}

Task* LocalSourceTest::pushFixture(const QString& fixture, const QString& collection, const QString& container,
                                   const QString& tag)
{
    PushRequest request;
    request.collection = collection;
    request.container = container;
    request.tags = { tag };
    Task* task = m_source->pushFile(test::fixture(fixture), request);
    QSignalSpy finished(task, &Task::finished);
    if (!task->isFinished())
        finished.wait(10000);
    return task;
}

void LocalSourceTest::identity()
{
    QCOMPARE(m_source->id(), QStringLiteral("local"));
    QCOMPARE(m_source->displayName(), QStringLiteral("This computer"));
    QCOMPARE(m_source->location(), m_temp->dataDir());
    QCOMPARE(m_source->registry(), m_temp->shared());
    QVERIFY(m_source->supports(RegistrySource::Feature::Serve));
    QVERIFY(m_source->unsupportedReason(RegistrySource::Feature::Push).isEmpty());
    TagRecord tag;
    tag.collection = QStringLiteral("lab");
    tag.container = QStringLiteral("tool");
    tag.name = QStringLiteral("v1");
    QCOMPARE(m_source->pullReference(tag), QStringLiteral("library://lab/tool:v1"));
}

void LocalSourceTest::pushBrowseAndInspect()
{
    QSignalSpy changed(m_source.get(), &RegistrySource::collectionChanged);
    Task* task = pushFixture(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                             QStringLiteral("v1"));
    QCOMPARE(task->state(), Task::State::Succeeded);
    QCOMPARE(task->kind(), QStringLiteral("upload"));
    QCOMPARE(task->done(), QFile(test::fixture(QStringLiteral("singularity-like.sif"))).size());
    QVERIFY(changed.count() >= 1);
    QCOMPARE(changed.first().at(0).toString(), QStringLiteral("lab"));

    auto collections
        = awaitResult<QList<CollectionRecord>>([&](QObject* c, auto done) { m_source->collections({}, c, done); });
    QVERIFY(collections && collections->ok());
    QCOMPARE(collections->value().size(), 1);
    QCOMPARE(collections->value().first().imageCount, 1);

    auto containers = awaitResult<QList<ContainerRecord>>(
        [&](QObject* c, auto done) { m_source->containers(QStringLiteral("lab"), c, done); });
    QVERIFY(containers && containers->ok());
    QCOMPARE(containers->value().first().name, QStringLiteral("tool"));

    auto tags = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    QVERIFY(tags && tags->ok());
    QCOMPARE(tags->value().size(), 1);
    const TagRecord tag = tags->value().first();
    QCOMPARE(tag.name, QStringLiteral("v1"));

    auto metadata
        = awaitResult<QJsonObject>([&](QObject* c, auto done) { m_source->imageMetadata(tag.image, c, done); });
    QVERIFY(metadata && metadata->ok());
    QVERIFY(!metadata->value().isEmpty());

    auto bytes = awaitResult<std::shared_ptr<ByteSource>>(
        [&](QObject* c, auto done) { m_source->openImage(tag.image, c, done); });
    QVERIFY(bytes && bytes->ok());
    QCOMPARE(bytes->value()->size(), tag.image.size);

    SearchQuery query;
    query.text = QStringLiteral("too");
    auto found = awaitResult<SearchResults>([&](QObject* c, auto done) { m_source->search(query, c, done); });
    QVERIFY(found && found->ok());
    QCOMPARE(found->value().images.size(), 1);
    QCOMPARE(found->value().containers.size(), 1);
}

void LocalSourceTest::refusedPushIsAFailedTask()
{
    const QString before = m_temp->snapshot();
    Task* task = pushFixture(QStringLiteral("legacy-squashfs.simg"), QStringLiteral("lab"), QStringLiteral("old"),
                             QStringLiteral("v1"));
    QCOMPARE(task->state(), Task::State::Failed);
    QVERIFY(!task->errorMessage().isEmpty());
    QCOMPARE(m_temp->snapshot(), before);
}

void LocalSourceTest::callbackDroppedWhenContextDies()
{
    bool called = false;
    {
        QObject context;
        m_source->collections({}, &context, [&called](Result<QList<CollectionRecord>>) { called = true; });
    }
    // A later call on the same pool finishes after the first one; by then the first answer was dropped.
    auto after
        = awaitResult<QList<CollectionRecord>>([&](QObject* c, auto done) { m_source->collections({}, c, done); });
    QVERIFY(after.has_value());
    QTest::qWait(50);
    QVERIFY(!called);

    // Without a context the answer is always delivered.
    bool delivered = false;
    m_source->collections({}, nullptr, [&delivered](Result<QList<CollectionRecord>>) { delivered = true; });
    QTRY_VERIFY(delivered);
}

void LocalSourceTest::mutationsAnnounceChanges()
{
    QSignalSpy changed(m_source.get(), &RegistrySource::collectionChanged);
    auto created = awaitResult<CollectionRecord>([&](QObject* c, auto done) {
        m_source->createCollection(QStringLiteral("team"), QStringLiteral("d"), true, c, done);
    });
    QVERIFY(created && created->ok());
    QVERIFY(created->value().isPrivate);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), QString());

    CollectionUpdate update;
    update.description = QStringLiteral("new");
    auto updated = awaitResult<CollectionRecord>(
        [&](QObject* c, auto done) { m_source->updateCollection(QStringLiteral("team"), update, c, done); });
    QVERIFY(updated && updated->ok());
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("team"));

    // A refused mutation announces nothing.
    auto refused = awaitResult<CollectionRecord>(
        [&](QObject* c, auto done) { m_source->createCollection(QStringLiteral("Bad Name"), {}, false, c, done); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().code(), ErrorCode::InvalidName);
    QTest::qWait(20);
    QCOMPARE(changed.count(), 2);

    auto deleted = awaitResult<bool>(
        [&](QObject* c, auto done) { m_source->deleteCollection(QStringLiteral("team"), c, done); });
    QVERIFY(deleted && deleted->ok());
    QTRY_COMPARE(changed.count(), 3);
}

void LocalSourceTest::removeTagAndHistory()
{
    QCOMPARE(pushFixture(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                         QStringLiteral("v1"))
                 ->state(),
             Task::State::Succeeded);
    QCOMPARE(pushFixture(QStringLiteral("v1-layout.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                         QStringLiteral("v1"))
                 ->state(),
             Task::State::Succeeded);
    auto tags = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    QVERIFY(tags && tags->ok());
    const TagRecord tag = tags->value().first();
    auto history
        = awaitResult<QList<TagHistoryRecord>>([&](QObject* c, auto done) { m_source->history(tag, c, done); });
    QVERIFY(history && history->ok());
    QVERIFY(history->value().size() >= 2);

    auto frozen = awaitResult<bool>([&](QObject* c, auto done) { m_source->setFrozen(tag, true, c, done); });
    QVERIFY(frozen && frozen->ok());
    ImageRef ref;
    ref.collection = tag.collection;
    ref.container = tag.container;
    ref.tag = tag.name;
    auto refused = awaitResult<bool>([&](QObject* c, auto done) { m_source->remove(ref, tag.arch, c, done); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().code(), ErrorCode::Frozen);
    QVERIFY(awaitResult<bool>([&](QObject* c, auto done) { m_source->setFrozen(tag, false, c, done); })->ok());

    QSignalSpy changed(m_source.get(), &RegistrySource::collectionChanged);
    auto removed = awaitResult<bool>([&](QObject* c, auto done) { m_source->remove(ref, tag.arch, c, done); });
    QVERIFY(removed && removed->ok());
    QTRY_COMPARE(changed.count(), 1);
    auto after = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    QVERIFY(after->value().isEmpty());
}

void LocalSourceTest::pullToFile()
{
    QCOMPARE(pushFixture(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                         QStringLiteral("v1"))
                 ->state(),
             Task::State::Succeeded);
    auto tags = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.sif"));
    Task* task = m_source->pullToFile(tags->value().first().image, path);
    QSignalSpy finished(task, &Task::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(task->state(), Task::State::Succeeded);
    QCOMPARE(test::sha256OfFile(path), test::sha256OfFile(test::fixture(QStringLiteral("singularity-like.sif"))));
    QCOMPARE(task->result().value(QStringLiteral("path")).toString(), path);
}

void LocalSourceTest::copyAndMoveBetweenCollections()
{
    QCOMPARE(pushFixture(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                         QStringLiteral("v1"))
                 ->state(),
             Task::State::Succeeded);
    auto tags = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    const TagRecord tag = tags->value().first();

    PushRequest target;
    target.collection = QStringLiteral("copy");
    target.container = QStringLiteral("tool");
    target.tags = { QStringLiteral("v1") };
    Task* copy = m_source->transferImage(tag, target, false);
    QSignalSpy copied(copy, &Task::finished);
    QVERIFY(copied.wait(10000));
    QVERIFY2(copy->state() == Task::State::Succeeded, qPrintable(copy->errorMessage()));
    auto inCopy = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("copy"), {}, c, done); });
    QCOMPARE(inCopy->value().size(), 1);
    QCOMPARE(inCopy->value().first().image.digest, tag.image.digest);

    target.collection = QStringLiteral("moved");
    Task* move = m_source->transferImage(tag, target, true);
    QSignalSpy moved(move, &Task::finished);
    QVERIFY(moved.wait(10000));
    QVERIFY2(move->state() == Task::State::Succeeded, qPrintable(move->errorMessage()));
    auto inLab = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("lab"), {}, c, done); });
    QVERIFY(inLab->value().isEmpty());
    auto inMoved = awaitResult<QList<TagRecord>>(
        [&](QObject* c, auto done) { m_source->tags(QStringLiteral("moved"), {}, c, done); });
    QCOMPARE(inMoved->value().size(), 1);
}

void LocalSourceTest::accountsAndMaintenance()
{
    QSignalSpy accounts(m_source.get(), &RegistrySource::accountsChanged);
    auto user = awaitResult<UserRecord>([&](QObject* c, auto done) {
        m_source->addUser(QStringLiteral("alice"), false, QStringLiteral("Alice"), QStringLiteral("a@example.org"), c,
                          done);
    });
    QVERIFY(user && user->ok());
    QTRY_COMPARE(accounts.count(), 1);
    auto token = awaitResult<NewToken>([&](QObject* c, auto done) {
        m_source->createToken(QStringLiteral("alice"), QStringLiteral("laptop"), Scope::Read, std::nullopt, c, done);
    });
    QVERIFY(token && token->ok());
    QVERIFY(!token->value().secret.isEmpty());
    auto tokens = awaitResult<QList<TokenRecord>>(
        [&](QObject* c, auto done) { m_source->tokens(QStringLiteral("alice"), c, done); });
    QCOMPARE(tokens->value().size(), 1);
    auto users = awaitResult<QList<UserRecord>>([&](QObject* c, auto done) { m_source->users(c, done); });
    QVERIFY(users->ok());
    auto usage = awaitResult<StorageUsage>([&](QObject* c, auto done) { m_source->storageUsage(c, done); });
    QVERIFY(usage->ok());
    auto audit = awaitResult<QList<AuditEventRecord>>([&](QObject* c, auto done) { m_source->audit({}, c, done); });
    QVERIFY(audit->ok());
    QVERIFY(!audit->value().isEmpty());

    Task* gc = m_source->collectGarbage(true);
    QSignalSpy gcDone(gc, &Task::finished);
    QVERIFY(gcDone.wait(10000));
    QCOMPARE(gc->state(), Task::State::Succeeded);
    Task* verify = m_source->verify();
    QSignalSpy verifyDone(verify, &Task::finished);
    QVERIFY(verifyDone.wait(10000));
    QCOMPARE(verify->state(), Task::State::Succeeded);
}

QTEST_GUILESS_MAIN(LocalSourceTest)
#include "LocalSourceTest.moc"
