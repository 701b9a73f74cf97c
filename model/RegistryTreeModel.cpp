#include "RegistryTreeModel.h"

#include "Format.h"
#include "Icons.h"
#include "RegistrySource.h"

#include <QSet>
#include <QTimer>

namespace sreg {

struct RegistryTreeModel::SourceNode
{
    RegistrySource* key = nullptr; // for lookups after the source died
    QPointer<RegistrySource> source;
    QList<CollectionRecord> collections; // sorted by name, as the engine lists them
    bool loaded = false; // a first full load completed
    bool loading = false;
    bool reloadPending = false; // a change arrived while loading
    QList<CollectionRecord> buffer; // pages of a reload, merged once complete
    quint64 generation = 0; // answers of an older load are dropped
    QTimer* reloadTimer = nullptr;
};

RegistryTreeModel::RegistryTreeModel(QObject* parent) : QAbstractItemModel(parent) { }

RegistryTreeModel::~RegistryTreeModel() = default;

void RegistryTreeModel::addSource(RegistrySource* source)
{
    if (!source || nodeOf(source))
        return;
    auto node = std::make_shared<SourceNode>();
    node->key = source;
    node->source = source;
    node->reloadTimer = new QTimer(this);
    node->reloadTimer->setSingleShot(true);
    // Several pushes in a row announce several changes: one reload covers them all.
    node->reloadTimer->setInterval(150);
    SourceNode* raw = node.get();
    connect(node->reloadTimer, &QTimer::timeout, this, [this, raw] { reloadNow(raw); });
    const int row = int(m_sources.size());
    beginInsertRows({}, row, row);
    m_sources.append(node);
    endInsertRows();
    connect(source, &RegistrySource::collectionChanged, this, [this, raw] { scheduleReload(raw); });
    connect(source, &QObject::destroyed, this, [this, raw] { removeSource(raw->key); });
}

void RegistryTreeModel::removeSource(RegistrySource* source)
{
    SourceNode* node = nodeOf(source);
    if (!node)
        return;
    const int row = rowOf(node);
    if (node->source)
        disconnect(node->source, nullptr, this, nullptr);
    beginRemoveRows({}, row, row);
    std::shared_ptr<SourceNode> keep = m_sources.takeAt(row);
    endRemoveRows();
    keep->reloadTimer->deleteLater();
    ++keep->generation;
}

QList<RegistrySource*> RegistryTreeModel::sources() const
{
    QList<RegistrySource*> list;
    for (const auto& node : m_sources) {
        if (node->source)
            list.append(node->source);
    }
    return list;
}

RegistrySource* RegistryTreeModel::sourceAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    if (auto* parentNode = static_cast<SourceNode*>(index.internalPointer()))
        return parentNode->source;
    return index.row() < m_sources.size() ? m_sources.at(index.row())->source.data() : nullptr;
}

QString RegistryTreeModel::collectionAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    auto* parentNode = static_cast<SourceNode*>(index.internalPointer());
    if (!parentNode || index.row() >= parentNode->collections.size())
        return {};
    return parentNode->collections.at(index.row()).name;
}

QModelIndex RegistryTreeModel::indexOfSource(const RegistrySource* source) const
{
    const SourceNode* node = nodeOf(source);
    return node ? index(rowOf(node), 0) : QModelIndex();
}

QModelIndex RegistryTreeModel::indexOfCollection(const RegistrySource* source, const QString& collection) const
{
    const SourceNode* node = nodeOf(source);
    if (!node)
        return {};
    for (int row = 0; row < node->collections.size(); ++row) {
        if (node->collections.at(row).name == collection)
            return createIndex(row, 0, const_cast<SourceNode*>(node));
    }
    return {};
}

bool RegistryTreeModel::isLoaded(const RegistrySource* source) const
{
    const SourceNode* node = nodeOf(source);
    return node && node->loaded;
}

void RegistryTreeModel::refresh(RegistrySource* source)
{
    if (SourceNode* node = nodeOf(source))
        reloadNow(node);
}

QModelIndex RegistryTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_sources.size() ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= m_sources.size())
        return {};
    SourceNode* node = m_sources.at(parent.row()).get();
    return row < node->collections.size() ? createIndex(row, column, node) : QModelIndex();
}

QModelIndex RegistryTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    auto* node = static_cast<SourceNode*>(child.internalPointer());
    if (!node)
        return {};
    const int row = rowOf(node);
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int RegistryTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_sources.size());
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= m_sources.size())
        return 0;
    return int(m_sources.at(parent.row())->collections.size());
}

int RegistryTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool RegistryTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return !m_sources.isEmpty();
    if (parent.internalPointer() || parent.column() != 0)
        return false;
    // Until loaded, a source may have collections: the expander shows and expanding fetches them.
    const SourceNode* node = m_sources.value(parent.row()).get();
    return node && (!node->loaded || !node->collections.isEmpty());
}

QVariant RegistryTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    auto* parentNode = static_cast<SourceNode*>(index.internalPointer());
    if (!parentNode) {
        const SourceNode* node = m_sources.at(index.row()).get();
        RegistrySource* source = node->source;
        if (!source)
            return {};
        qint64 images = 0;
        qint64 bytes = 0;
        for (const CollectionRecord& c : node->collections) {
            images += c.imageCount;
            bytes += c.totalBytes;
        }
        switch (role) {
        case KindRole:
            return QVariant::fromValue(Kind::Source);
        case SourceRole:
            return QVariant::fromValue(static_cast<QObject*>(source));
        case NameRole:
            return source->id();
        case RawSizeRole:
            return bytes;
        case ImageCountRole:
            return images;
        case LoadingRole:
            return node->loading;
        case Qt::ToolTipRole:
            return source->location();
        case Qt::DecorationRole:
            return index.column() == NameColumn
                ? Icons::named(source->id() == u"local" ? QStringLiteral("computer") : QStringLiteral("server"))
                : QVariant();
        case Qt::DisplayRole:
            if (index.column() == NameColumn)
                return source->displayName();
            if (!node->loaded)
                return {};
            return index.column() == ImagesColumn ? QVariant(images) : QVariant(Format::bytes(bytes));
        case Qt::TextAlignmentRole:
            return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    const CollectionRecord& c = parentNode->collections.at(index.row());
    switch (role) {
    case KindRole:
        return QVariant::fromValue(Kind::Collection);
    case SourceRole:
        return QVariant::fromValue(static_cast<QObject*>(parentNode->source.data()));
    case CollectionRole:
        return QVariant::fromValue(c);
    case NameRole:
        return c.name;
    case IsPrivateRole:
        return c.isPrivate;
    case RawSizeRole:
        return c.totalBytes;
    case ImageCountRole:
        return c.imageCount;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return c.name;
        case ImagesColumn:
            return c.imageCount;
        case SizeColumn:
            return Format::bytes(c.totalBytes);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = c.description.isEmpty() ? c.name : tr("%1 — %2").arg(c.name, c.description);
        if (c.isPrivate)
            tip += u'\n' + tr("Private: only owners and contributors see it");
        return tip;
    }
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        return Icons::named(c.isPrivate ? QStringLiteral("collection-private") : QStringLiteral("collection"));
    case Qt::AccessibleDescriptionRole:
        return c.isPrivate ? tr("private collection") : tr("collection");
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant RegistryTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Registry");
    case ImagesColumn:
        return tr("Images");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

Qt::ItemFlags RegistryTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Files and images are dropped on sources and collections; the view decides what a drop means.
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

bool RegistryTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (!parent.isValid() || parent.internalPointer() || parent.row() >= m_sources.size())
        return false;
    const SourceNode* node = m_sources.at(parent.row()).get();
    return !node->loaded && !node->loading && node->source;
}

void RegistryTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    SourceNode* node = m_sources.at(parent.row()).get();
    node->buffer.clear();
    if (!node->collections.isEmpty()) {
        // What a failed first load had shown is listed again from the start.
        beginRemoveRows(parent, 0, int(node->collections.size()) - 1);
        node->collections.clear();
        endRemoveRows();
    }
    loadPage(node, {});
}

RegistryTreeModel::SourceNode* RegistryTreeModel::nodeOf(const RegistrySource* source) const
{
    for (const auto& node : m_sources) {
        if (node->key == source)
            return node.get();
    }
    return nullptr;
}

int RegistryTreeModel::rowOf(const SourceNode* node) const
{
    for (int row = 0; row < m_sources.size(); ++row) {
        if (m_sources.at(row).get() == node)
            return row;
    }
    return -1;
}

void RegistryTreeModel::loadPage(SourceNode* node, const QString& after)
{
    if (!node->source)
        return;
    if (after.isEmpty()) {
        ++node->generation;
        node->loading = true;
        const QModelIndex sourceIndex = index(rowOf(node), 0);
        Q_EMIT dataChanged(sourceIndex, sourceIndex, { LoadingRole });
    }
    CollectionQuery query;
    query.after = after;
    query.limit = !node->loaded && after.isEmpty() ? FirstPageSize : PageSize;
    const int limit = query.limit;
    const quint64 generation = node->generation;
    std::weak_ptr<SourceNode> weak = m_sources.value(rowOf(node));
    node->source->collections(query, this, [this, weak, generation, limit](Result<QList<CollectionRecord>> result) {
        std::shared_ptr<SourceNode> node = weak.lock();
        if (!node || node->generation != generation || rowOf(node.get()) < 0)
            return;
        if (!result) {
            node->loading = false;
            Q_EMIT loadFailed(node->source, result.error().message());
            return;
        }
        applyPage(node.get(), *result, limit);
    });
}

void RegistryTreeModel::applyPage(SourceNode* node, const QList<CollectionRecord>& page, int limit)
{
    const bool more = page.size() >= limit;
    if (!node->loaded) {
        // A first load shows each page as it lands.
        if (!page.isEmpty()) {
            const int first = int(node->collections.size());
            beginInsertRows(index(rowOf(node), 0), first, first + int(page.size()) - 1);
            node->collections += page;
            endInsertRows();
        }
        if (more) {
            loadPage(node, page.constLast().name);
            return;
        }
        node->loaded = true;
    } else {
        // A reload collects every page, then merges them into the rows in one go.
        node->buffer += page;
        if (more) {
            loadPage(node, page.constLast().name);
            return;
        }
        mergeReload(node, std::exchange(node->buffer, {}));
    }
    node->loading = false;
    const int row = rowOf(node);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    Q_EMIT sourceLoaded(node->source);
    if (node->reloadPending) {
        node->reloadPending = false;
        scheduleReload(node);
    }
}

void RegistryTreeModel::mergeReload(SourceNode* node, const QList<CollectionRecord>& fresh)
{
    const QModelIndex parentIndex = index(rowOf(node), 0);
    QSet<QString> freshNames;
    for (const CollectionRecord& c : fresh)
        freshNames.insert(c.name);
    // Removals first, bottom-up in contiguous runs; what is left is a subsequence of fresh, in the same order.
    for (int row = int(node->collections.size()) - 1; row >= 0;) {
        if (freshNames.contains(node->collections.at(row).name)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !freshNames.contains(node->collections.at(first - 1).name))
            --first;
        beginRemoveRows(parentIndex, first, row);
        node->collections.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    for (int row = 0; row < fresh.size(); ++row) {
        if (row < node->collections.size() && node->collections.at(row).name == fresh.at(row).name) {
            node->collections[row] = fresh.at(row);
            Q_EMIT dataChanged(index(row, 0, parentIndex), index(row, ColumnCount - 1, parentIndex));
            continue;
        }
        int last = row;
        QSet<QString> present;
        for (const CollectionRecord& c : std::as_const(node->collections))
            present.insert(c.name);
        while (last + 1 < fresh.size() && !present.contains(fresh.at(last + 1).name))
            ++last;
        beginInsertRows(parentIndex, row, last);
        for (int i = row; i <= last; ++i)
            node->collections.insert(i, fresh.at(i));
        endInsertRows();
        row = last;
    }
}

void RegistryTreeModel::scheduleReload(SourceNode* node)
{
    // Nothing to refresh in a source nobody has opened yet.
    if (!node->loaded && !node->loading)
        return;
    node->reloadTimer->start();
}

void RegistryTreeModel::reloadNow(SourceNode* node)
{
    if (node->loading) {
        node->reloadPending = true;
        return;
    }
    node->buffer.clear();
    loadPage(node, {});
}

} // namespace sreg
