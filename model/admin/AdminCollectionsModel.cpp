#include "AdminCollectionsModel.h"

#include "AdminFormat.h"
#include "registry/RecordJson.h"

namespace sreg {

AdminCollectionsModel::AdminCollectionsModel(RegistrySource* source, QObject* parent)
    : SourceTableModel(source, ColumnCount, parent)
{
    if (source)
        connect(source, &RegistrySource::collectionChanged, this, &AdminCollectionsModel::scheduleReload);
}

QVariant AdminCollectionsModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const CollectionRecord& row = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return row.name;
    case PrivateRole:
        return row.isPrivate;
    case RecordRole:
        return QVariant::fromValue(row);
    case Qt::ToolTipRole:
        if (index.column() == VisibilityColumn)
            return row.isPrivate ? tr("Only owners, contributors and administrators can see and pull it")
                                 : tr("Anyone who can reach the registry can see and pull it");
        return {};
    case SortRole:
        switch (index.column()) {
        case ContainersColumn:
            return row.containerCount;
        case ImagesColumn:
            return row.imageCount;
        case SizeColumn:
            return row.totalBytes;
        case QuotaColumn:
            return row.quotaBytes.value_or(-1);
        case UpdatedColumn:
            return row.updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= ContainersColumn && index.column() <= QuotaColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case DescriptionColumn:
            return row.description;
        case VisibilityColumn:
            return row.isPrivate ? tr("Private") : tr("Public");
        case ContainersColumn:
            return row.containerCount;
        case ImagesColumn:
            return row.imageCount;
        case SizeColumn:
            return AdminFormat::bytes(row.totalBytes);
        case QuotaColumn:
            return AdminFormat::quota(row.quotaBytes);
        case UpdatedColumn:
            return AdminFormat::dateTime(row.updatedAt);
        }
    }
    return {};
}

QVariant AdminCollectionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Collection");
    case DescriptionColumn:
        return tr("Description");
    case VisibilityColumn:
        return tr("Visibility");
    case ContainersColumn:
        return tr("Containers");
    case ImagesColumn:
        return tr("Images");
    case SizeColumn:
        return tr("Size");
    case QuotaColumn:
        return tr("Quota");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

CollectionRecord AdminCollectionsModel::collection(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : CollectionRecord {};
}

int AdminCollectionsModel::rowOf(const QString& name) const
{
    return rowOfName(m_rows, name);
}

void AdminCollectionsModel::reload()
{
    if (!source())
        return;
    loadPage(beginLoad(), {}, {});
}

void AdminCollectionsModel::loadPage(quint64 generation, const QString& after, QList<CollectionRecord> loaded)
{
    CollectionQuery query;
    query.after = after;
    query.limit = m_pageSize;
    source()->collections(query, this, [this, generation, loaded](Result<QList<CollectionRecord>> page) mutable {
        if (!isCurrent(generation))
            return;
        if (!page)
            return endLoad(tr("Could not list the collections: %1").arg(page.error().message()));
        loaded += page.value();
        if (page->size() >= m_pageSize && !page->isEmpty())
            return loadPage(generation, page->last().name, loaded);
        apply(loaded);
        endLoad();
    });
}

void AdminCollectionsModel::apply(const QList<CollectionRecord>& fresh)
{
    replaceRows(
        m_rows, fresh, [](const CollectionRecord& r) { return r.name; },
        [](const CollectionRecord& a, const CollectionRecord& b) {
            return RecordJson::toJson(a) == RecordJson::toJson(b);
        });
}

void AdminCollectionsModel::create(const QString& name, const QString& description, bool isPrivate, const Done& done)
{
    source()->createCollection(
        name, description, isPrivate, this, [this, name, done](Result<CollectionRecord> created) {
            if (created)
                reload();
            finish(done,
                   created ? QString() : tr("Could not create collection %1: %2").arg(name, created.error().message()));
        });
}

void AdminCollectionsModel::update(const QString& name, const CollectionUpdate& update, const Done& done)
{
    source()->updateCollection(name, update, this, [this, name, done](Result<CollectionRecord> updated) {
        if (updated) {
            const int row = rowOf(name);
            if (row >= 0) {
                // Keep the aggregates the listing computed; the update answer may not carry them.
                CollectionRecord merged = updated.value();
                merged.containerCount = m_rows.at(row).containerCount;
                merged.imageCount = m_rows.at(row).imageCount;
                merged.totalBytes = m_rows.at(row).totalBytes;
                m_rows[row] = merged;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        }
        finish(done,
               updated ? QString() : tr("Could not change collection %1: %2").arg(name, updated.error().message()));
    });
}

void AdminCollectionsModel::remove(const QString& name, const Done& done)
{
    source()->deleteCollection(name, this, [this, name, done](Result<bool> removed) {
        if (removed) {
            const int row = rowOf(name);
            if (row >= 0) {
                beginRemoveRows({}, row, row);
                m_rows.removeAt(row);
                endRemoveRows();
            }
        }
        finish(done,
               removed ? QString() : tr("Could not delete collection %1: %2").arg(name, removed.error().message()));
    });
}

} // namespace sreg
