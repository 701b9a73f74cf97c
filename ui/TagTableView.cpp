#include "TagTableView.h"

#include "DragExporter.h"
#include "RegistrySource.h"
#include "TagMimeData.h"
#include "TagTableModel.h"

#include <QDrag>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QMimeData>
#include <QPointer>

namespace sreg {

TagTableView::TagTableView(QWidget* parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setShowGrid(false);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->hide();
    // Uniform rows let the view skip measuring 100 000 of them.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
}

TagTableView::~TagTableView() = default;

void TagTableView::setDragContext(RegistrySource* source, DragExporter* exporter)
{
    m_source = source;
    m_exporter = exporter;
}

QList<TagRecord> TagTableView::selectedTags() const
{
    QList<TagRecord> tags;
    if (!selectionModel())
        return tags;
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : std::as_const(rows))
        tags.append(index.data(TagTableModel::RecordRole).value<TagRecord>());
    return tags;
}

void TagTableView::startDrag(Qt::DropActions)
{
    const QList<TagRecord> tags = selectedTags();
    if (tags.isEmpty() || !m_source)
        return;
    QStringList references;
    for (const TagRecord& tag : tags)
        references.append(m_source->pullReference(tag));
    TagMimeData::UrlProvider urls;
    QPointer<DragExporter> exporter = m_exporter;
    if (exporter && m_source->supports(RegistrySource::Feature::ImageBytes)) {
        exporter->prepare(m_source, tags);
        urls = [exporter, tags] {
            return exporter ? exporter->readyUrls(tags) : QList<QUrl>();
        };
    }
    auto* drag = new QDrag(this);
    drag->setMimeData(new TagMimeData(m_source->id(), tags, references, urls));
    drag->setPixmap(QIcon(QStringLiteral(":/icons/image.svg")).pixmap(32, 32));
    const Qt::DropAction action = drag->exec(Qt::CopyAction | Qt::MoveAction, Qt::CopyAction);
    // Dropped outside the application (target gone) while an export still runs: the file manager got no file.
    if (action != Qt::IgnoreAction && !drag->target() && exporter && exporter->pending(tags))
        Q_EMIT message(tr("The image is still being exported (see Tasks): drop it again when the task is done."));
}

void TagTableView::dragEnterEvent(QDragEnterEvent* event)
{
    // Our own rows are not dropped back on their own table.
    if (TagMimeData::tagsOf(event->mimeData()).isEmpty() && event->mimeData()->hasUrls())
        event->acceptProposedAction();
    else
        event->ignore();
}

void TagTableView::dragMoveEvent(QDragMoveEvent* event)
{
    if (TagMimeData::tagsOf(event->mimeData()).isEmpty() && event->mimeData()->hasUrls()) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void TagTableView::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (paths.isEmpty() || !TagMimeData::tagsOf(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT filesDropped(paths);
}

} // namespace sreg
