#include "RegistryTreeView.h"

#include "RegistrySource.h"
#include "RegistryTreeModel.h"
#include "TagMimeData.h"

#include <QDragEnterEvent>
#include <QMimeData>

namespace sreg {

namespace {

QStringList localFiles(const QMimeData* mime)
{
    QStringList paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

bool isMove(Qt::KeyboardModifiers modifiers)
{
    // The brief of the product: a plain drag between collections copies, Ctrl moves.
    return modifiers.testFlag(Qt::ControlModifier);
}

} // namespace

RegistryTreeView::RegistryTreeView(QWidget* parent) : QTreeView(parent)
{
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DropOnly);
}

RegistryTreeView::~RegistryTreeView() = default;

bool RegistryTreeView::acceptsAt(const QPoint& position, const QMimeData* mime) const
{
    const QModelIndex index = indexAt(position);
    if (!index.isValid())
        return false;
    const auto kind = index.data(RegistryTreeModel::KindRole).value<RegistryTreeModel::Kind>();
    QString sourceId;
    const QList<TagRecord> tags = TagMimeData::tagsOf(mime, &sourceId);
    if (!tags.isEmpty()) {
        // Images go into a collection other than their own (one of the same name in another registry is another).
        const auto* target = qobject_cast<RegistrySource*>(index.data(RegistryTreeModel::SourceRole).value<QObject*>());
        return kind == RegistryTreeModel::Kind::Collection
            && ((target && target->id() != sourceId)
                || index.data(RegistryTreeModel::NameRole).toString() != tags.constFirst().collection);
    }
    return !localFiles(mime).isEmpty();
}

void RegistryTreeView::dragEnterEvent(QDragEnterEvent* event)
{
    // Accept the enter so that move events follow; each position is judged in dragMoveEvent.
    if (!TagMimeData::tagsOf(event->mimeData()).isEmpty() || event->mimeData()->hasUrls())
        event->acceptProposedAction();
    else
        event->ignore();
}

void RegistryTreeView::dragMoveEvent(QDragMoveEvent* event)
{
    QTreeView::dragMoveEvent(event); // auto-scroll and auto-expand
    if (!acceptsAt(event->position().toPoint(), event->mimeData())) {
        event->ignore();
        return;
    }
    const bool tags = !TagMimeData::tagsOf(event->mimeData()).isEmpty();
    event->setDropAction(tags && isMove(event->modifiers()) ? Qt::MoveAction : Qt::CopyAction);
    event->accept();
}

void RegistryTreeView::dropEvent(QDropEvent* event)
{
    const QPoint position = event->position().toPoint();
    if (!acceptsAt(position, event->mimeData())) {
        event->ignore();
        return;
    }
    const QModelIndex target = indexAt(position).siblingAtColumn(0);
    QString sourceId;
    const QList<TagRecord> tags = TagMimeData::tagsOf(event->mimeData(), &sourceId);
    const bool move = isMove(event->modifiers());
    // The move is ours to do (after the copy is safe): tell the drag source it was a copy, so it deletes nothing.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    if (!tags.isEmpty())
        Q_EMIT tagsDropped(target, sourceId, tags, move);
    else
        Q_EMIT filesDropped(target, localFiles(event->mimeData()));
}

} // namespace sreg
