// RemoteSource, the models over it and the desktop's remote plumbing against a real server: the Registries tree
// and the tag table page a remote in (under QAbstractItemModelTester), features follow what the probe found,
// connections keep their tokens in a secret store (never without one silently), and images move between the
// local registry and the remote as Tasks (copy, move, mirror with its preview).

#include "remote/CrossRegistryTransfer.h"
#include "LocalSource.h"
#include "RegistryTreeModel.h"
#include "RemoteTestServer.h"
#include "TagTableModel.h"
#include "Task.h"
#include "TaskManager.h"
#include "TempRegistry.h"
#include "TestSupport.h"
#include "registry/ImageService.h"
#include "remote/RemoteRegistry.h"
#include "remote/MemorySecretStore.h"
#include "remote/RemoteFeatures.h"
#include "remote/MirrorJob.h"
#include "remote/RemoteRegistries.h"
#include "remote/RemoteSource.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class RemoteSourceTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeAndTablePageARemoteIn();
    void featuresFollowTheProbe();
    void detailsWithoutADownload();
    void tokensGoToTheSecretStoreOnly();
    void copiesAndMovesBetweenRegistries();
    void mirrorsWithAPreview();

private:
    RemoteSource* remoteSource(const QString& token);
    bool waitFor(Task* task);

    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_server;
    std::unique_ptr<TempRegistry> m_local;
    std::unique_ptr<TaskManager> m_tasks;
    std::unique_ptr<LocalSource> m_localSource;
    QList<RemoteSource*> m_remotes;
};

RemoteSource* RemoteSourceTest::remoteSource(const QString& token)
{
    remote::RemoteInfo guess; // what a saved connection would remember
    auto* source = new RemoteSource(QStringLiteral("remote-%1").arg(m_remotes.size()), QStringLiteral("Test server"),
                                    m_server->connection(token), guess, m_tasks.get(), this);
    m_remotes.append(source);
    return source;
}

bool RemoteSourceTest::waitFor(Task* task)
{
    if (!task)
        return false;
    if (!task->isFinished()) {
        QSignalSpy finished(task, &Task::finished);
        if (!finished.wait(120000))
            return false;
    }
    if (task->state() != Task::State::Succeeded)
        qWarning("task '%s' failed: %s", qPrintable(task->title()), qPrintable(task->errorMessage()));
    return task->state() == Task::State::Succeeded;
}

void RemoteSourceTest::initTestCase()
{
    m_server = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("server")));
    for (int i = 0; i < 5; ++i)
        QVERIFY(!m_server->push(QStringLiteral("coll%1/tool:v1").arg(i), 1 << 20, 40 + i).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/tool:v1"), 2 << 20, 50).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/tool:v2"), 2 << 20, 51).isEmpty());
    QVERIFY(!m_server->push(QStringLiteral("lab/other:latest"), 1 << 20, 52).isEmpty());
    QVERIFY(m_server->start());
    m_local = std::make_unique<TempRegistry>();
    QVERIFY(m_local->isOpen());
    m_tasks = std::make_unique<TaskManager>();
    m_localSource = std::make_unique<LocalSource>(m_local->shared(), m_tasks.get());
}

void RemoteSourceTest::treeAndTablePageARemoteIn()
{
    RemoteSource* remote = remoteSource(m_server->adminToken());
    RegistryTreeModel tree;
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tree.addSource(m_localSource.get());
    tree.addSource(remote);
    const QModelIndex remoteRow = tree.indexOfSource(remote);
    QVERIFY(remoteRow.isValid());
    // The tester has asked already (it walks the model); a view would ask when the row is expanded.
    if (tree.canFetchMore(remoteRow))
        tree.fetchMore(remoteRow);
    QTRY_VERIFY_WITH_TIMEOUT(tree.isLoaded(remote), 20000);
    QCOMPARE(tree.rowCount(remoteRow), 6);
    QVERIFY(tree.indexOfCollection(remote, QStringLiteral("lab")).isValid());

    TagTableModel table;
    QAbstractItemModelTester tableTester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    table.setCollection(remote, QStringLiteral("lab"));
    QTRY_VERIFY_WITH_TIMEOUT(table.isComplete(), 20000);
    QCOMPARE(table.rowCount(), 3);
    const TagRecord first = table.tagAt(0);
    QVERIFY(first.image.digest.startsWith(QStringLiteral("sha256.")));
    QVERIFY(table.data(table.index(0, TagTableModel::PullReferenceRole - TagTableModel::PullReferenceRole),
                       TagTableModel::PullReferenceRole)
                .toString()
                .startsWith(QStringLiteral("library://127.0.0.1:")));

    // A change made through the source reaches the views.
    QSignalSpy changed(remote, &RegistrySource::collectionChanged);
    bool done = false;
    remote->setFrozen(first, true, this, [&done](Result<bool> frozen) { done = frozen.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY(!changed.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(table.tagAt(table.rowOfKey(TagTableModel::keyOf(first))).frozen, 20000);
}

void RemoteSourceTest::featuresFollowTheProbe()
{
    const QString reader = m_server->process().addUserWithToken(QStringLiteral("rita"), QStringLiteral("read"));
    RemoteSource* remote = remoteSource(reader);
    QSignalSpy info(remote, &RemoteSource::infoChanged);
    bool listed = false;
    remote->collections({}, this, [&listed](Result<QList<CollectionRecord>> result) { listed = result.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(listed, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!info.isEmpty(), 5000);
    QVERIFY(remote->supports(RegistrySource::Feature::Push));
    QVERIFY(remote->supports(RegistrySource::Feature::History));
    QVERIFY(!remote->supports(RegistrySource::Feature::Users));
    QVERIFY(remote->unsupportedReason(RegistrySource::Feature::Users).contains(QStringLiteral("administrator")));
    QVERIFY(!remote->supports(RegistrySource::Feature::Serve));
    // Refused calls say why instead of pretending to be empty.
    QString why;
    remote->audit({}, this, [&why](Result<QList<AuditEventRecord>> result) {
        why = result ? QStringLiteral("ok") : result.error().message();
    });
    QTRY_VERIFY_WITH_TIMEOUT(!why.isEmpty(), 20000);
    QVERIFY2(why.contains(QStringLiteral("administrator")), qPrintable(why));

    // What an sregistry server offers.
    remote::RemoteInfo sregistry;
    sregistry.kind = remote::RemoteInfo::Kind::Sregistry;
    QVERIFY(!RemoteFeatures::supports(sregistry, RegistrySource::Feature::Freeze));
    QVERIFY(RemoteFeatures::reason(sregistry, QStringLiteral("x"), RegistrySource::Feature::Freeze)
                .contains(QStringLiteral("sregistry")));
    QVERIFY(RemoteFeatures::supports(sregistry, RegistrySource::Feature::ImageMetadata));
}

void RemoteSourceTest::detailsWithoutADownload()
{
    RemoteSource* remote = remoteSource(m_server->adminToken());
    QList<TagRecord> tags;
    remote->tags(QStringLiteral("lab"), {}, this, [&tags](Result<QList<TagRecord>> result) {
        if (result)
            tags = *result;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!tags.isEmpty(), 20000);
    QJsonObject metadata;
    remote->imageMetadata(tags.front().image, this, [&metadata](Result<QJsonObject> result) {
        if (result)
            metadata = *result;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!metadata.isEmpty(), 20000);
    QVERIFY(metadata.contains(QStringLiteral("header")));
    std::shared_ptr<ByteSource> bytes;
    remote->openImage(tags.front().image, this, [&bytes](Result<std::shared_ptr<ByteSource>> result) {
        if (result)
            bytes = *result;
    });
    QTRY_VERIFY_WITH_TIMEOUT(bytes != nullptr, 20000);
    QCOMPARE(bytes->size(), tags.front().image.size);
}

void RemoteSourceTest::tokensGoToTheSecretStoreOnly()
{
    const QString settingsFile = m_dir.filePath(QStringLiteral("settings.ini"));
    MemorySecretStore noKeychain(false);
    RemoteRegistries registries(m_tasks.get(), &noKeychain, settingsFile);
    RemoteConnectionSettings settings;
    settings.name = QStringLiteral("Lab server");
    settings.url = QUrl(m_server->url());
    std::optional<Result<RemoteSource*>> added;
    registries.add(settings, m_server->adminToken(), RemoteRegistries::KeepToken::Keychain, this,
                   [&added](Result<RemoteSource*> result) { added = result; });
    QTRY_VERIFY(added.has_value());
    QVERIFY(!*added);
    QCOMPARE(added->error().code(), ErrorCode::Unavailable);
    QVERIFY(registries.sources().isEmpty());

    // The user chose "this session only".
    added.reset();
    registries.add(settings, m_server->adminToken(), RemoteRegistries::KeepToken::SessionOnly, this,
                   [&added](Result<RemoteSource*> result) { added = result; });
    QTRY_VERIFY(added.has_value());
    QVERIFY(*added);
    QCOMPARE(registries.sources().size(), 1);
    QCOMPARE((**added)->connection().token, m_server->adminToken());
    // Nothing secret went to the settings file.
    QVERIFY(!readFile(settingsFile).contains(m_server->adminToken().toUtf8()));

    // With a keychain: the token is there, and a restart finds it.
    MemorySecretStore keychain;
    {
        RemoteRegistries first(m_tasks.get(), &keychain, settingsFile);
        added.reset();
        RemoteConnectionSettings other = settings;
        other.name = QStringLiteral("Kept");
        first.add(other, m_server->adminToken(), RemoteRegistries::KeepToken::Keychain, this,
                  [&added](Result<RemoteSource*> result) { added = result; });
        QTRY_VERIFY(added.has_value() && *added);
        QVERIFY(keychain.contains(first.settingsOf((**added)->id()).secretKey()));
    }
    QVERIFY(!readFile(settingsFile).contains(m_server->adminToken().toUtf8()));
    RemoteRegistries restarted(m_tasks.get(), &keychain, settingsFile);
    QSignalSpy unavailable(&restarted, &RemoteRegistries::tokenUnavailable);
    restarted.restore();
    QTRY_COMPARE(restarted.sources().size(), 2);
    int withToken = 0;
    for (RemoteSource* source : restarted.sources())
        withToken += source->connection().token == m_server->adminToken() ? 1 : 0;
    QCOMPARE(withToken, 1); // the session-only one is asked for again
    QCOMPARE(unavailable.size(), 1);

    // Forgetting a connection forgets its token.
    const QString keptId = [&] {
        for (RemoteSource* source : restarted.sources()) {
            if (!source->connection().token.isEmpty())
                return source->id();
        }
        return QString();
    }();
    const QString key = restarted.settingsOf(keptId).secretKey();
    restarted.remove(keptId);
    QTRY_VERIFY(!keychain.contains(key));
}

void RemoteSourceTest::copiesAndMovesBetweenRegistries()
{
    RemoteSource* remote = remoteSource(m_server->adminToken());
    QList<TagRecord> tags;
    remote->tags(QStringLiteral("lab"), {}, this, [&tags](Result<QList<TagRecord>> result) {
        if (result)
            tags = *result;
    });
    QTRY_VERIFY_WITH_TIMEOUT(!tags.isEmpty(), 20000);
    const TagRecord tag = tags.front();

    // Remote -> local.
    PushRequest target;
    target.collection = QStringLiteral("from-remote");
    target.container = tag.container;
    target.tags = { tag.name };
    QSignalSpy localChanged(m_localSource.get(), &RegistrySource::collectionChanged);
    QVERIFY(waitFor(CrossRegistryTransfer::start(remote, tag, m_localSource.get(), target, false, m_tasks.get())));
    QVERIFY(!localChanged.isEmpty());
    Result<ImageRecord> local = m_local->registry().images().resolve(
        Actor::local(), *ImageRef::parse(QStringLiteral("from-remote/%1:%2").arg(tag.container, tag.name)));
    QVERIFY(local);
    QCOMPARE(local->digest, tag.image.digest);

    // Local -> remote, as a move: the local tag goes once the copy is recorded.
    Result<QList<TagRecord>> localTags = m_local->registry().images().tags(Actor::local(), QStringLiteral("from-remote"));
    QVERIFY(localTags && !localTags->isEmpty());
    target.collection = QStringLiteral("returned");
    QVERIFY(waitFor(CrossRegistryTransfer::start(m_localSource.get(), localTags->front(), remote, target, true,
                                                 m_tasks.get())));
    QVERIFY(!m_local->registry().images().resolve(
        Actor::local(), *ImageRef::parse(QStringLiteral("from-remote/%1:%2").arg(tag.container, tag.name))));
    auto admin = m_server->connect(m_server->adminToken());
    Result<ImageRecord> back = admin->resolve(*ImageRef::parse(QStringLiteral("returned/%1:%2").arg(tag.container, tag.name)), {});
    QVERIFY(back);
    QCOMPARE(back->digest, tag.image.digest);
}

void RemoteSourceTest::mirrorsWithAPreview()
{
    RemoteSource* remote = remoteSource(m_server->adminToken());
    MirrorJob job(remote, m_localSource.get(), QStringLiteral("lab"), true, m_tasks.get());
    std::optional<Result<remote::MirrorPlan>> plan;
    job.plan(this, [&plan](Result<remote::MirrorPlan> result) { plan = result; });
    QTRY_VERIFY_WITH_TIMEOUT(plan.has_value(), 30000);
    QVERIFY2(*plan, qPrintable(*plan ? QString() : plan->error().message()));
    QVERIFY((*plan)->createCollection);
    QCOMPARE((*plan)->count(remote::MirrorAction::Kind::Copy), 3);
    QVERIFY((*plan)->bytesToCopy() > 0);
    Task* task = job.run(**plan);
    QVERIFY(waitFor(task));
    QCOMPARE(task->result().value(QStringLiteral("imagesCopied")).toInt()
                 + task->result().value(QStringLiteral("imagesReused")).toInt(),
             3);
    Result<QList<TagRecord>> mirrored = m_local->registry().images().tags(Actor::local(), QStringLiteral("lab"));
    QVERIFY(mirrored);
    QCOMPARE(mirrored->size(), 3);
}

QTEST_MAIN(RemoteSourceTest)
#include "RemoteSourceTest.moc"
