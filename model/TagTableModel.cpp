#include "TagTableModel.h"

#include "Format.h"
#include "Icons.h"
#include "RegistrySource.h"

#include <QSet>

namespace sreg {

namespace {

bool sameRow(const TagRecord& a, const TagRecord& b)
{
    return a.id == b.id && a.image.id == b.image.id && a.frozen == b.frozen && a.updatedAt == b.updatedAt
        && a.image.downloads == b.image.downloads && a.image.tags == b.image.tags
        && a.image.isSigned == b.image.isSigned;
}

} // namespace

TagTableModel::TagTableModel(QObject* parent) : QAbstractTableModel(parent) { }

TagTableModel::~TagTableModel() = default;

void TagTableModel::setCollection(RegistrySource* source, const QString& collection)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    // Views may call fetchMore() from within endResetModel(): the state must be final before it.
    const bool wasLoading = m_loading;
    beginResetModel();
    m_source = source;
    m_collection = collection;
    m_rows.clear();
    m_complete = !source || collection.isEmpty();
    m_fetchAll = false;
    m_reloadPending = false;
    m_loading = false;
    ++m_generation;
    endResetModel();
    if (wasLoading && !m_loading)
        Q_EMIT loadingChanged(false);
    if (m_complete)
        return;
    connect(source, &RegistrySource::collectionChanged, this, [this](const QString& changed) {
        // An empty name means the list of collections changed: ours may be gone.
        if (changed.isEmpty() || changed == m_collection)
            refresh();
    });
    loadPage();
}

RegistrySource* TagTableModel::source() const
{
    return m_source;
}

QString TagTableModel::collection() const
{
    return m_collection;
}

void TagTableModel::fetchAll()
{
    m_fetchAll = true;
    if (!m_loading && !m_complete)
        loadPage();
}

void TagTableModel::refresh()
{
    if (!m_source || m_collection.isEmpty())
        return;
    reload();
}

bool TagTableModel::isLoading() const
{
    return m_loading;
}

bool TagTableModel::isComplete() const
{
    return m_complete;
}

TagRecord TagTableModel::tagAt(int row) const
{
    return m_rows.value(row);
}

const TagRecord& TagTableModel::recordAt(int row) const
{
    return m_rows.at(row);
}

QStringList TagTableModel::tagsOfImage(const TagRecord& tag) const
{
    QStringList names = tag.image.tags;
    for (const TagRecord& row : m_rows) {
        if (row.image.id == tag.image.id && !names.contains(row.name))
            names.append(row.name);
    }
    names.sort();
    return names;
}

int TagTableModel::rowOfKey(const QString& key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (keyOf(m_rows.at(row)) == key)
            return row;
    }
    return -1;
}

QString TagTableModel::keyOf(const TagRecord& tag)
{
    return tag.container + u':' + tag.name + u':' + tag.arch;
}

int TagTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TagTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagRecord& tag = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(tag, index.column());
    case IdRole:
        return tag.id;
    case ImageIdRole:
        return tag.image.id;
    case RawSizeRole:
        return tag.image.size;
    case RecordRole:
        return QVariant::fromValue(tag);
    case DigestRole:
        return tag.image.digest;
    case KeyRole:
        return keyOf(tag);
    case SortRole:
        return sortData(tag, index.column());
    case PullReferenceRole:
        return m_source ? m_source->pullReference(tag) : QString();
    case Qt::AccessibleTextRole:
        if (index.column() == FrozenColumn)
            return tag.frozen ? tr("Frozen") : tr("Not frozen");
        if (index.column() == SignedColumn)
            return tag.image.isSigned ? tr("Signed") : tr("Not signed");
        return displayData(tag, index.column());
    case Qt::ToolTipRole:
        if (index.column() == SignedColumn && tag.image.isSigned)
            return tr("Signed: see the Signatures tab");
        if (index.column() == DigestColumn)
            return tag.image.digest;
        if (index.column() == FrozenColumn && tag.frozen)
            return tr("Frozen: this tag never moves and cannot be deleted");
        if (index.column() == SizeColumn)
            return tr("%1 bytes").arg(tag.image.size);
        return {};
    case Qt::DecorationRole:
        if (index.column() == FrozenColumn && tag.frozen)
            return Icons::named(QStringLiteral("frozen"));
        if (index.column() == SignedColumn && tag.image.isSigned)
            return Icons::named(QStringLiteral("signed"));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == DownloadsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        return {};
    default:
        return {};
    }
}

QVariant TagTableModel::displayData(const TagRecord& tag, int column) const
{
    switch (column) {
    case ContainerColumn:
        return tag.container;
    case TagColumn:
        return tag.name;
    case ArchColumn:
        return tag.arch;
    case SizeColumn:
        return Format::bytes(tag.image.size);
    case DigestColumn:
        return Format::shortDigest(tag.image.digest);
    case FrozenColumn:
    case SignedColumn:
        return {}; // an icon says it (DecorationRole); AccessibleTextRole and the tooltip say it in words
    case UploadedColumn:
        return Format::dateTime(tag.image.createdAt);
    case DownloadsColumn:
        return tag.image.downloads;
    default:
        return {};
    }
}

QVariant TagTableModel::sortData(const TagRecord& tag, int column) const
{
    switch (column) {
    case SizeColumn:
        return tag.image.size;
    case DigestColumn:
        return tag.image.digest;
    case FrozenColumn:
        return tag.frozen;
    case SignedColumn:
        return tag.image.isSigned;
    case UploadedColumn:
        return tag.image.createdAt;
    case DownloadsColumn:
        return tag.image.downloads;
    default:
        return displayData(tag, column);
    }
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ContainerColumn:
        return tr("Container");
    case TagColumn:
        return tr("Tag");
    case ArchColumn:
        return tr("Arch");
    case SizeColumn:
        return tr("Size");
    case DigestColumn:
        return tr("Digest");
    case FrozenColumn:
        return tr("Frozen");
    case SignedColumn:
        return tr("Signed");
    case UploadedColumn:
        return tr("Uploaded");
    case DownloadsColumn:
        return tr("Downloads");
    default:
        return {};
    }
}

Qt::ItemFlags TagTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // files dropped between rows go to the collection
    // Rows drag out (to the file manager, to another collection) and take drops (files, for the collection).
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled
        | Qt::ItemNeverHasChildren;
}

bool TagTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_source && !m_complete && !m_loading;
}

void TagTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        loadPage();
}

void TagTableModel::loadPage()
{
    if (!m_source || m_loading || m_complete)
        return;
    setLoading(true);
    TagQuery query;
    query.after = m_rows.isEmpty() ? QString() : keyOf(m_rows.constLast());
    // Loading everything (for a filter or a sort) goes in bigger steps: fewer round trips, same GUI cost per row.
    const int limit = m_fetchAll ? 10 * PageSize : PageSize;
    query.limit = limit;
    const quint64 generation = m_generation;
    m_source->tags(m_collection, query, this, [this, generation, limit](Result<QList<TagRecord>> result) {
        if (generation != m_generation)
            return;
        if (!result) {
            setLoading(false);
            m_complete = true; // retrying on every scroll would only repeat the error; F5 reloads
            Q_EMIT loadFailed(result.error().message());
            return;
        }
        applyPage(*result, limit);
    });
}

void TagTableModel::applyPage(const QList<TagRecord>& page, int limit)
{
    if (!page.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page.size()) - 1);
        m_rows += page;
        endInsertRows();
    }
    m_complete = page.size() < limit;
    setLoading(false);
    Q_EMIT pageLoaded(int(m_rows.size()), m_complete);
    if (m_reloadPending) {
        m_reloadPending = false;
        reload();
    } else if (m_fetchAll && !m_complete) {
        loadPage();
    }
}

void TagTableModel::reload()
{
    if (m_loading) {
        m_reloadPending = true;
        return;
    }
    setLoading(true);
    TagQuery query;
    // What is loaded, plus room for what arrived meanwhile.
    const int limit = int(m_rows.size()) + PageSize;
    query.limit = limit;
    const quint64 generation = m_generation;
    m_source->tags(m_collection, query, this, [this, generation, limit](Result<QList<TagRecord>> result) {
        if (generation != m_generation)
            return;
        setLoading(false);
        if (!result) {
            if (result.error().code() == ErrorCode::NotFound) {
                // The collection itself went away.
                beginResetModel();
                m_rows.clear();
                m_complete = true;
                endResetModel();
            }
            Q_EMIT loadFailed(result.error().message());
            return;
        }
        mergeReload(*result);
        m_complete = result->size() < limit;
        Q_EMIT pageLoaded(int(m_rows.size()), m_complete);
        if (m_reloadPending) {
            m_reloadPending = false;
            reload();
        } else if (m_fetchAll && !m_complete) {
            loadPage();
        }
    });
}

void TagTableModel::mergeReload(const QList<TagRecord>& fresh)
{
    QSet<QString> freshKeys;
    freshKeys.reserve(fresh.size());
    for (const TagRecord& tag : fresh)
        freshKeys.insert(keyOf(tag));
    // Removals, bottom-up in contiguous runs. What stays is then a subsequence of fresh, in the same order.
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (freshKeys.contains(keyOf(m_rows.at(row)))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !freshKeys.contains(keyOf(m_rows.at(first - 1))))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    for (int row = 0; row < fresh.size();) {
        if (row < m_rows.size() && keyOf(m_rows.at(row)) == keyOf(fresh.at(row))) {
            if (!sameRow(m_rows.at(row), fresh.at(row))) {
                m_rows[row] = fresh.at(row);
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            ++row;
            continue;
        }
        // New rows up to the next row we already have (or the end).
        const QString next = row < m_rows.size() ? keyOf(m_rows.at(row)) : QString();
        int end = row;
        while (end < fresh.size() && (next.isNull() || keyOf(fresh.at(end)) != next))
            ++end;
        beginInsertRows({}, row, end - 1);
        for (int i = row; i < end; ++i)
            m_rows.insert(i, fresh.at(i));
        endInsertRows();
        row = end;
    }
}

void TagTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace sreg
