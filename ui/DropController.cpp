#include "DropController.h"

#include "CollectionChooserDialog.h"
#include "MessageBox.h"
#include "RegistrySource.h"
#include "RegistryTreeModel.h"
#include "Task.h"
#include "UploadDialog.h"
#include "UploadInspector.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QWidget>
#include <QtConcurrent>

namespace sreg {

DropController::DropController(RegistryTreeModel* registries, QWidget* window)
    : QObject(window), m_registries(registries), m_window(window)
{
}

DropController::~DropController() = default;

void DropController::dropFiles(RegistrySource* source, const QString& collection, const QStringList& paths)
{
    if (!source || paths.isEmpty())
        return;
    if (!source->supports(RegistrySource::Feature::Push)) {
        MessageBox::warning(m_window, tr("Cannot upload"), source->unsupportedReason(RegistrySource::Feature::Push));
        return;
    }
    if (collection.isEmpty())
        askCollectionThenDrop(source, paths);
    else
        inspectThenAsk(source, collection, paths);
}

void DropController::askCollectionThenDrop(RegistrySource* source, const QStringList& paths)
{
    QStringList names;
    const QModelIndex sourceIndex = m_registries->indexOfSource(source);
    for (int row = 0; row < m_registries->rowCount(sourceIndex); ++row)
        names.append(m_registries->collectionAt(m_registries->index(row, 0, sourceIndex)));
    auto* chooser = new CollectionChooserDialog(source, names, m_window);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RegistrySource> guard(source);
    connect(chooser, &QDialog::accepted, this, [this, chooser, guard, paths] {
        if (guard && !chooser->collection().isEmpty())
            inspectThenAsk(guard, chooser->collection(), paths);
    });
    chooser->open();
}

void DropController::inspectThenAsk(RegistrySource* source, const QString& collection, const QStringList& paths)
{
    Q_EMIT message(tr("Checking %n dropped item(s)…", nullptr, int(paths.size())));
    QPointer<RegistrySource> guard(source);
    auto* watcher = new QFutureWatcher<QList<UploadCandidate>>(this);
    connect(watcher, &QFutureWatcher<QList<UploadCandidate>>::finished, this, [this, watcher, guard, collection] {
        watcher->deleteLater();
        const QList<UploadCandidate> candidates = watcher->result();
        Q_EMIT inspected(candidates);
        if (guard)
            offer(guard, collection, candidates);
    });
    // Opening each file as a SIF reads its header and descriptors: disk work, never on the GUI thread.
    watcher->setFuture(QtConcurrent::run([paths] { return UploadInspector::inspect(paths); }));
}

void DropController::offer(RegistrySource* source, const QString& collection, const QList<UploadCandidate>& candidates)
{
    const auto accepted
        = std::count_if(candidates.begin(), candidates.end(), [](const UploadCandidate& c) { return c.accepted; });
    if (candidates.isEmpty()) {
        MessageBox::warning(m_window, tr("Nothing to upload"), tr("No .sif file was found in what was dropped."));
        Q_EMIT message(tr("Nothing uploaded"));
        return;
    }
    if (accepted == 0) {
        QStringList reasons;
        for (const UploadCandidate& c : candidates)
            reasons.append(tr("%1: %2").arg(QFileInfo(c.path).fileName(), c.refusal));
        MessageBox::warning(m_window, tr("Nothing to upload"),
                            tr("None of the dropped files is a SIF image the registry can take. Nothing was uploaded."),
                            reasons.join(u'\n'));
        Q_EMIT message(tr("Nothing uploaded: %1").arg(reasons.constFirst()));
        return;
    }
    auto* dialog = new UploadDialog(collection, candidates, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<RegistrySource> guard(source);
    connect(dialog, &QDialog::accepted, this, [this, dialog, guard, collection] {
        if (guard)
            upload(guard, collection, dialog->uploads());
    });
    dialog->open();
}

void DropController::upload(RegistrySource* source, const QString& collection, const QList<UploadCandidate>& uploads)
{
    QList<Task*> tasks;
    for (const UploadCandidate& c : uploads) {
        PushRequest request;
        request.collection = collection;
        request.container = c.container;
        request.tags = { c.tag };
        request.createCollection = false; // the collection was chosen from the existing ones
        if (Task* task = source->pushFile(c.path, request))
            tasks.append(task);
    }
    Q_EMIT message(tr("Uploading %n file(s) to %1", nullptr, int(tasks.size())).arg(collection));
    Q_EMIT uploadsStarted(tasks);
}

void DropController::dropTags(RegistrySource* target, const QString& collection, const QString& sourceId,
                              const QList<TagRecord>& tags, bool move)
{
    if (!target || tags.isEmpty())
        return;
    RegistrySource* origin = sourceById(sourceId);
    if (origin && origin != target && m_crossRegistryDrop)
        return m_crossRegistryDrop(origin, target, collection, tags, move);
    if (origin != target) {
        // Between registries the bytes go through this computer; that comes with remote registries.
        MessageBox::warning(m_window, tr("Cannot copy"),
                            tr("Copying between %1 and %2 is not supported yet.")
                                .arg(origin ? origin->displayName() : sourceId, target->displayName()));
        return;
    }
    QStringList names;
    for (const TagRecord& tag : tags)
        names.append(QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name));
    if (move) {
        const auto answer = MessageBox::question(
            m_window, tr("Move images"),
            tr("Move %n image(s) to %1? They leave their current collection once copied.", nullptr, int(tags.size()))
                .arg(collection),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel, names.join(u'\n'));
        if (answer != QMessageBox::Yes)
            return;
    }
    int started = 0;
    for (const TagRecord& tag : tags) {
        PushRequest request;
        request.collection = collection;
        request.container = tag.container;
        request.tags = { tag.name };
        request.arch = tag.arch;
        request.createCollection = false;
        if (target->transferImage(tag, request, move))
            ++started;
    }
    if (started == 0) {
        MessageBox::warning(m_window, tr("Cannot copy"),
                            tr("%1 cannot copy images between collections.").arg(target->displayName()));
        return;
    }
    Q_EMIT message(move ? tr("Moving %n image(s) to %1", nullptr, started).arg(collection)
                        : tr("Copying %n image(s) to %1", nullptr, started).arg(collection));
}

RegistrySource* DropController::sourceById(const QString& id) const
{
    for (RegistrySource* source : m_registries->sources()) {
        if (source->id() == id)
            return source;
    }
    return nullptr;
}

} // namespace sreg
