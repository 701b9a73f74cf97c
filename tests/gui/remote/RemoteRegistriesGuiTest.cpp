// Remote registries in the real window against a real server: the Remote menu sits before Help, Add Registry
// probes the server (and refuses a wrong token or a bad address), the connection lands in the tree with its token
// in the secret store only, selected images are copied over as tasks, a drop of local images on a remote
// collection copies them, and Mirror Collection previews exactly what it then does.

#include "DropController.h"
#include "GuiTestFixture.h"
#include "LocalSource.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "RegistryTreeModel.h"
#include "RegistryTreeView.h"
#include "RemoteTestServer.h"
#include "TagMimeData.h"
#include "TagTableModel.h"
#include "TagTableView.h"
#include "Task.h"
#include "TestSupport.h"
#include "common/ImageRef.h"
#include "registry/ImageService.h"
#include "remote/AddRegistryDialog.h"
#include "remote/MemorySecretStore.h"
#include "remote/MirrorDialog.h"
#include "remote/MirrorPlanModel.h"
#include "remote/RemoteRegistries.h"
#include "remote/RemoteRegistriesUi.h"
#include "remote/RemoteSource.h"

#include <QAbstractItemModelTester>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sreg;
using namespace sreg::test;

class RemoteRegistriesGuiTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void remoteMenuBeforeHelp();
    void addRegistryRefusesBadInput();
    void addRegistryPutsTheRemoteInTheTree();
    void copySelectedImagesToTheRemote();
    void dropOnARemoteCollectionCopies();
    void dragFromTheRemoteToTheLocalRegistry();
    void mirrorPreviewsThenRuns();

private:
    RemoteSource* addRemote();
    QList<TagRecord> remoteTags(RemoteSource* remote, const QString& collection);
    static bool waitFor(Task* task);

    QTemporaryDir m_dir;
    std::unique_ptr<RemoteTestServer> m_server;
    std::unique_ptr<GuiTestFixture> m_fixture;
    std::unique_ptr<MemorySecretStore> m_secrets;
    RemoteRegistriesUi* m_ui = nullptr;
    int m_round = 0;
};

void RemoteRegistriesGuiTest::initTestCase()
{
    m_server = std::make_unique<RemoteTestServer>(m_dir.filePath(QStringLiteral("server")));
    QVERIFY(!m_server->push(QStringLiteral("shared/base:v1"), 1 << 20, 7).isEmpty());
    QVERIFY(m_server->start());
}

void RemoteRegistriesGuiTest::init()
{
    m_fixture = std::make_unique<GuiTestFixture>();
    QCOMPARE(m_fixture->push(QStringLiteral("singularity-like.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                             QStringLiteral("v1")),
             QString());
    QVERIFY(m_fixture->openWindow());
    m_secrets = std::make_unique<MemorySecretStore>();
    ++m_round;
    m_ui = new RemoteRegistriesUi(m_fixture->window(), m_fixture->tasks(), m_secrets.get(),
                                  m_dir.filePath(QStringLiteral("remotes-%1.ini").arg(m_round)));
}

void RemoteRegistriesGuiTest::cleanup()
{
    delete m_ui;
    m_ui = nullptr;
    m_fixture.reset();
    m_secrets.reset();
}

bool RemoteRegistriesGuiTest::waitFor(Task* task)
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

RemoteSource* RemoteRegistriesGuiTest::addRemote()
{
    AddRegistryDialog dialog(m_fixture->window());
    dialog.setFields(m_server->url(), m_server->adminToken(), QStringLiteral("alice"), QStringLiteral("Test server"));
    QSignalSpy probed(&dialog, &AddRegistryDialog::probed);
    dialog.connectToServer();
    if (!probed.wait(20000) || !probed.front().front().toBool()) {
        qWarning("probe failed: %s", qPrintable(dialog.statusText()));
        return nullptr;
    }
    QSignalSpy added(m_ui, &RemoteRegistriesUi::registryAdded);
    m_ui->addFrom(dialog);
    if (added.isEmpty() && !added.wait(20000))
        return nullptr;
    return qobject_cast<RemoteSource*>(added.front().front().value<RegistrySource*>());
}

QList<TagRecord> RemoteRegistriesGuiTest::remoteTags(RemoteSource* remote, const QString& collection)
{
    QList<TagRecord> tags;
    bool done = false;
    remote->tags(collection, {}, this, [&](Result<QList<TagRecord>> result) {
        if (result)
            tags = *result;
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        qWarning("no answer for the tags of %s", qPrintable(collection));
    return tags;
}

void RemoteRegistriesGuiTest::remoteMenuBeforeHelp()
{
    const QList<QAction*> menus = m_fixture->window()->menuBar()->actions();
    QVERIFY(menus.size() >= 2);
    QCOMPARE(menus.at(menus.size() - 2)->menu(), m_ui->menu());
    QVERIFY(!m_ui->menu()->actions().isEmpty());
    for (QAction* action : m_ui->menu()->actions())
        QVERIFY(action->isSeparator() || !action->text().isEmpty());
}

void RemoteRegistriesGuiTest::addRegistryRefusesBadInput()
{
    AddRegistryDialog dialog(m_fixture->window());
    QSignalSpy probed(&dialog, &AddRegistryDialog::probed);

    dialog.setFields(QStringLiteral("ftp://127.0.0.1/"), QStringLiteral("x"));
    dialog.connectToServer();
    QCOMPARE(probed.size(), 1);
    QVERIFY(!probed.takeFirst().front().toBool());
    QVERIFY(!dialog.isConnected());

    dialog.setFields(m_server->url(), QStringLiteral("sreg_not_a_token"));
    dialog.connectToServer();
    QVERIFY(probed.wait(20000));
    QVERIFY(!probed.takeFirst().front().toBool());
    QVERIFY(!dialog.isConnected());
    QVERIFY(!dialog.statusText().isEmpty());
    QVERIFY(m_ui->registries()->sources().isEmpty());
}

void RemoteRegistriesGuiTest::addRegistryPutsTheRemoteInTheTree()
{
    RemoteSource* remote = addRemote();
    QVERIFY(remote);
    RegistryTreeModel* tree = m_fixture->window()->registries();
    const QModelIndex row = tree->indexOfSource(remote);
    QVERIFY(row.isValid());
    if (tree->canFetchMore(row))
        tree->fetchMore(row);
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOfCollection(remote, QStringLiteral("shared")).isValid(), 20000);
    // The token is in the secret store, under the connection's key, and nowhere in the settings file.
    const RemoteConnectionSettings saved = m_ui->registries()->settingsOf(remote->id());
    QVERIFY(m_secrets->contains(saved.secretKey()));
    QFile ini(m_dir.filePath(QStringLiteral("remotes-%1.ini").arg(m_round)));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains(m_server->adminToken().toUtf8()));

    // Removing it asks, then forgets connection and token; nothing changes on the server.
    m_fixture->window()->showCollection(remote, QStringLiteral("shared"));
    QTRY_COMPARE_WITH_TIMEOUT(m_fixture->window()->currentSource(), static_cast<RegistrySource*>(remote), 10000);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    m_ui->removeCurrentRegistry();
    QTRY_VERIFY(m_ui->registries()->sources().isEmpty());
    QVERIFY(!m_secrets->contains(saved.secretKey()));
    QVERIFY(!tree->indexOfSource(remote).isValid());
}

void RemoteRegistriesGuiTest::copySelectedImagesToTheRemote()
{
    RemoteSource* remote = addRemote();
    QVERIFY(remote);
    MainWindow* window = m_fixture->window();
    const QList<TagRecord> tags = { window->tagModel()->tagAt(0) };
    QCOMPARE(tags.front().name, QStringLiteral("v1"));
    const QString collection = QStringLiteral("copied%1").arg(m_round);
    const QList<Task*> tasks = m_ui->copyTags(m_fixture->source(), remote, collection, tags, false, true);
    QCOMPARE(tasks.size(), 1);
    QVERIFY(waitFor(tasks.front()));
    const QList<TagRecord> there = remoteTags(remote, collection);
    QCOMPARE(there.size(), 1);
    QCOMPARE(there.front().image.digest, tags.front().image.digest);
    QCOMPARE(window->tagModel()->rowCount(), 1); // a copy: the local registry keeps it
}

void RemoteRegistriesGuiTest::dropOnARemoteCollectionCopies()
{
    RemoteSource* remote = addRemote();
    QVERIFY(remote);
    MainWindow* window = m_fixture->window();
    RegistryTreeModel* tree = window->registries();
    const QModelIndex row = tree->indexOfSource(remote);
    if (tree->canFetchMore(row))
        tree->fetchMore(row);
    window->treeView()->expand(row);
    QTRY_VERIFY_WITH_TIMEOUT(tree->indexOfCollection(remote, QStringLiteral("shared")).isValid(), 20000);
    const QList<TagRecord> tags = { window->tagModel()->tagAt(0) };
    QSignalSpy started(m_ui, &RemoteRegistriesUi::transfersStarted);
    TagMimeData mime(m_fixture->source()->id(), tags, { QStringLiteral("library://lab/tool:v1") });
    GuiTestFixture::dropOn(window->treeView(), tree->indexOfCollection(remote, QStringLiteral("shared")), &mime);
    QTRY_COMPARE(started.size(), 1);
    const QList<Task*> tasks = started.front().front().value<QList<Task*>>();
    QCOMPARE(tasks.size(), 1);
    QVERIFY(waitFor(tasks.front()));
    bool found = false;
    for (const TagRecord& tag : remoteTags(remote, QStringLiteral("shared")))
        found = found || (tag.container == u"tool" && tag.image.digest == tags.front().image.digest);
    QVERIFY(found);
}

void RemoteRegistriesGuiTest::dragFromTheRemoteToTheLocalRegistry()
{
    RemoteSource* remote = addRemote();
    QVERIFY(remote);
    MainWindow* window = m_fixture->window();
    // Browse the remote in the window: its collection's tags in the table.
    window->showCollection(remote, QStringLiteral("shared"));
    QTRY_VERIFY_WITH_TIMEOUT(window->currentSource() == remote && window->tagModel()->rowCount() > 0, 20000);
    const QList<TagRecord> remoteImages = remoteTags(remote, QStringLiteral("shared"));
    QList<TagRecord> base;
    for (const TagRecord& tag : remoteImages) {
        if (tag.container == u"base")
            base.append(tag);
    }
    QCOMPARE(base.size(), 1);

    // Drag it onto the local "lab" collection.
    QSignalSpy started(m_ui, &RemoteRegistriesUi::transfersStarted);
    TagMimeData mime(remote->id(), base, { QStringLiteral("library://shared/base:v1") });
    const QModelIndex lab = window->registries()->indexOfCollection(m_fixture->source(), QStringLiteral("lab"));
    QVERIFY(lab.isValid());
    GuiTestFixture::dropOn(window->treeView(), lab, &mime);
    QTRY_COMPARE(started.size(), 1);
    const QList<Task*> tasks = started.front().front().value<QList<Task*>>();
    QCOMPARE(tasks.size(), 1);
    QVERIFY(waitFor(tasks.front()));
    Result<ImageRecord> copied = m_fixture->temp().registry().images().resolve(
        Actor::local(), *ImageRef::parse(QStringLiteral("lab/base:v1")));
    QVERIFY2(copied.ok(), qPrintable(copied ? QString() : copied.error().message()));
    QCOMPARE(copied->digest, base.front().image.digest);
    QVERIFY(!remoteTags(remote, QStringLiteral("shared")).isEmpty()); // a copy: the remote keeps it
}

void RemoteRegistriesGuiTest::mirrorPreviewsThenRuns()
{
    RemoteSource* remote = addRemote();
    QVERIFY(remote);
    QCOMPARE(m_fixture->push(QStringLiteral("signed-fake.sif"), QStringLiteral("lab"), QStringLiteral("tool"),
                             QStringLiteral("latest")),
             QString());
    MirrorDialog dialog({ m_fixture->source(), remote }, m_fixture->source(), QStringLiteral("lab"),
                        m_fixture->tasks(), m_fixture->window());
    QAbstractItemModelTester tester(dialog.planModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy previewed(&dialog, &MirrorDialog::previewed);
    dialog.choose(m_fixture->source(), QStringLiteral("lab"), remote, false);
    dialog.preview();
    QVERIFY(previewed.wait(20000));
    QVERIFY(previewed.front().front().toBool());
    // Mirroring into a remote collection named like the local one: lab does not exist there yet.
    const remote::MirrorPlan plan = dialog.planModel()->plan();
    QVERIFY(plan.createCollection);
    QCOMPARE(plan.count(remote::MirrorAction::Kind::Copy), 2);
    QCOMPARE(dialog.planModel()->rowCount(), 2);
    QVERIFY(dialog.planModel()->summary().contains(QStringLiteral("lab")));
    QSignalSpy started(&dialog, &MirrorDialog::started);
    dialog.mirror();
    QVERIFY(started.size() == 1 || started.wait(20000));
    QVERIFY(waitFor(dialog.startedTask()));
    QCOMPARE(remoteTags(remote, QStringLiteral("lab")).size(), 2);

    // Once done, a new preview finds nothing to do.
    previewed.clear();
    dialog.preview();
    QVERIFY(previewed.wait(20000));
    QCOMPARE(dialog.planModel()->rowCount(), 0);
    QCOMPARE(dialog.planModel()->plan().unchanged, 2);
}

QTEST_MAIN(RemoteRegistriesGuiTest)
#include "RemoteRegistriesGuiTest.moc"
