#include "RemoteRegistriesUi.h"

#include "AddRegistryDialog.h"
#include "CopyToRegistryDialog.h"
#include "DropController.h"
#include "KeychainSecretStore.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "MirrorDialog.h"
#include "RegistryTreeModel.h"
#include "TagTableView.h"
#include "Task.h"
#include "remote/CrossRegistryTransfer.h"
#include "remote/RemoteRegistries.h"
#include "remote/RemoteSource.h"

#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace sreg {

RemoteRegistriesUi::RemoteRegistriesUi(MainWindow* window, TaskManager* tasks, SecretStore* secrets,
                                       const QString& settingsFile)
    : QObject(window)
    , m_window(window)
    , m_tasks(tasks)
{
    if (!secrets) {
        m_keychain = std::make_unique<KeychainSecretStore>();
        secrets = m_keychain.get();
    }
    m_registries = std::make_unique<RemoteRegistries>(tasks, secrets, settingsFile);
    connect(m_registries.get(), &RemoteRegistries::sourceAdded, this, [this](RemoteSource* source) {
        if (!m_window)
            return;
        m_window->addSource(source);
        connect(source, &RemoteSource::connectionFailed, this, [this, source](const QString& message) {
            showMessage(tr("%1: %2").arg(source->displayName(), message));
        });
        Q_EMIT registryAdded(source);
    });
    connect(m_registries.get(), &RemoteRegistries::sourceRemoved, this, [this](RemoteSource* source) {
        if (m_window)
            m_window->registries()->removeSource(source);
    });
    connect(m_registries.get(), &RemoteRegistries::tokenUnavailable, this,
            [this](const QString&, const QString& message) { showMessage(message); });
    // A drop of another registry's images on a collection: copy them over (Ctrl: move).
    window->drops()->setCrossRegistryDrop([this](RegistrySource* origin, RegistrySource* target,
                                                 const QString& collection, const QList<TagRecord>& tags, bool move) {
        copyTags(origin, target, collection, tags, move, false);
    });
    buildMenu();
}

RemoteRegistriesUi::~RemoteRegistriesUi()
{
    if (m_window)
        m_window->drops()->setCrossRegistryDrop({});
}

void RemoteRegistriesUi::buildMenu()
{
    m_menu = new QMenu(tr("Re&mote"), m_window);
    QAction* add = m_menu->addAction(QIcon(QStringLiteral(":/icons/server.svg")), tr("&Add Registry…"));
    connect(add, &QAction::triggered, this, &RemoteRegistriesUi::addRegistry);
    QAction* remove = m_menu->addAction(tr("&Remove Registry"));
    connect(remove, &QAction::triggered, this, &RemoteRegistriesUi::removeCurrentRegistry);
    m_menu->addSeparator();
    QAction* mirror = m_menu->addAction(tr("&Mirror Collection…"));
    connect(mirror, &QAction::triggered, this, &RemoteRegistriesUi::mirrorCollection);
    QAction* copy = m_menu->addAction(tr("&Copy Selected Images to…"));
    connect(copy, &QAction::triggered, this, &RemoteRegistriesUi::copySelection);
    // What applies depends on the selection when the menu opens.
    connect(m_menu, &QMenu::aboutToShow, this, [this, remove, mirror, copy] {
        RegistrySource* current = m_window ? m_window->currentSource() : nullptr;
        remove->setEnabled(qobject_cast<RemoteSource*>(current) != nullptr);
        mirror->setEnabled(allSources().size() > 1);
        copy->setEnabled(allSources().size() > 1 && m_window && !m_window->tagView()->selectedTags().isEmpty());
    });
    QMenuBar* bar = m_window->menuBar();
    const QList<QAction*> menus = bar->actions();
    // Before Help, which stays last.
    if (menus.isEmpty())
        bar->addMenu(m_menu);
    else
        bar->insertMenu(menus.back(), m_menu);
}

void RemoteRegistriesUi::restore()
{
    m_registries->restore();
}

void RemoteRegistriesUi::showMessage(const QString& text)
{
    if (m_window)
        m_window->statusBar()->showMessage(text, 15000);
}

QList<RegistrySource*> RemoteRegistriesUi::allSources() const
{
    QList<RegistrySource*> sources;
    if (!m_window)
        return sources;
    for (RegistrySource* source : m_window->registries()->sources()) {
        if (CrossRegistryTransfer::canTransfer(source))
            sources.append(source);
    }
    return sources;
}

void RemoteRegistriesUi::addRegistry()
{
    AddRegistryDialog dialog(m_window);
    if (dialog.exec() == QDialog::Accepted && dialog.isConnected())
        addFrom(dialog);
}

void RemoteRegistriesUi::addFrom(const AddRegistryDialog& dialog)
{
    const RemoteConnectionSettings settings = dialog.settings();
    const QString token = dialog.token();
    QPointer<RemoteRegistriesUi> self(this);
    m_registries->add(settings, token, RemoteRegistries::KeepToken::Keychain, this,
                      [self, settings, token](Result<RemoteSource*> added) {
                          if (!self || added)
                              return;
                          if (added.error().code() != ErrorCode::Unavailable) {
                              MessageBox::warning(self->m_window, tr("Cannot keep the token"),
                                                  tr("The token could not be stored: %1").arg(added.error().message()));
                              return;
                          }
                          // No keychain: never write the token in plain text; the user may keep it in memory.
                          const auto answer = MessageBox::question(
                              self->m_window, tr("No keychain"),
                              tr("There is no keychain service on this computer to keep the token of %1 safely. "
                                 "Keep it for this session only? You will be asked for it again next time.")
                                  .arg(settings.name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes, added.error().message());
                          if (answer == QMessageBox::Yes)
                              self->m_registries->add(settings, token, RemoteRegistries::KeepToken::SessionOnly, self,
                                                      {});
                      });
}

void RemoteRegistriesUi::removeCurrentRegistry()
{
    auto* remote = qobject_cast<RemoteSource*>(m_window ? m_window->currentSource() : nullptr);
    if (!remote)
        return;
    const auto answer = MessageBox::question(
        m_window, tr("Remove registry"),
        tr("Remove %1 from this window? Its token is deleted from the keychain; nothing changes on the server.")
            .arg(remote->displayName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_registries->remove(remote->id());
}

void RemoteRegistriesUi::mirrorCollection()
{
    auto* dialog = new MirrorDialog(allSources(), m_window->currentSource(), m_window->currentCollection(), m_tasks,
                                    m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MirrorDialog::started, this, [this](Task* task) {
        showMessage(tr("Mirroring started: %1").arg(task->title()));
        Q_EMIT transfersStarted({ task });
    });
    dialog->open();
}

void RemoteRegistriesUi::copySelection()
{
    RegistrySource* origin = m_window->currentSource();
    const QList<TagRecord> tags = m_window->tagView()->selectedTags();
    if (!origin || tags.isEmpty())
        return;
    QList<RegistrySource*> targets = allSources();
    targets.removeAll(origin);
    if (targets.isEmpty())
        return;
    CopyToRegistryDialog dialog(targets, tags.front().collection, m_window);
    if (dialog.exec() == QDialog::Accepted && dialog.target())
        copyTags(origin, dialog.target(), dialog.collection(), tags, false, true);
}

QList<Task*> RemoteRegistriesUi::copyTags(RegistrySource* origin, RegistrySource* target, const QString& collection,
                                          const QList<TagRecord>& tags, bool move, bool createCollection)
{
    QList<Task*> started;
    if (!origin || !target || tags.isEmpty())
        return started;
    if (!CrossRegistryTransfer::canTransfer(origin) || !CrossRegistryTransfer::canTransfer(target)) {
        MessageBox::warning(m_window, tr("Cannot copy"),
                            tr("Images cannot be copied between %1 and %2.")
                                .arg(origin->displayName(), target->displayName()));
        return started;
    }
    if (move) {
        const auto answer = MessageBox::question(
            m_window, tr("Move images"),
            tr("Move %n image(s) from %1 to %2 on %3? They leave %1 once copied.", nullptr, int(tags.size()))
                .arg(origin->displayName(), collection, target->displayName()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return started;
    }
    for (const TagRecord& tag : tags) {
        PushRequest request;
        request.collection = collection;
        request.container = tag.container;
        request.tags = { tag.name };
        request.arch = tag.arch;
        request.createCollection = createCollection;
        if (Task* task = CrossRegistryTransfer::start(origin, tag, target, request, move, m_tasks))
            started.append(task);
    }
    showMessage(move ? tr("Moving %n image(s) to %1 on %2", nullptr, int(started.size()))
                           .arg(collection, target->displayName())
                     : tr("Copying %n image(s) to %1 on %2", nullptr, int(started.size()))
                           .arg(collection, target->displayName()));
    Q_EMIT transfersStarted(started);
    return started;
}

} // namespace sreg
