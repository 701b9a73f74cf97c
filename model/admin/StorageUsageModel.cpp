#include "StorageUsageModel.h"

#include "AdminFormat.h"

#include <algorithm>

namespace sreg {

StorageUsageModel::StorageUsageModel(RegistrySource* source, QObject* parent)
    : SourceTableModel(source, ColumnCount, parent)
{
    if (source)
        connect(source, &RegistrySource::collectionChanged, this, &StorageUsageModel::scheduleReload);
}

StorageUsageModel::QuotaLevel StorageUsageModel::levelOf(qint64 bytes, std::optional<qint64> quota)
{
    if (!quota)
        return QuotaLevel::NoQuota;
    if (*quota <= 0 || bytes >= *quota)
        return QuotaLevel::Full;
    // Integer arithmetic: exact at the thresholds, and no overflow below 2^63 / 10.
    if (bytes * 10 >= *quota * 9)
        return QuotaLevel::Critical;
    if (bytes * 10 >= *quota * 8)
        return QuotaLevel::Warning;
    return QuotaLevel::Normal;
}

QVariant StorageUsageModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const CollectionUsage& row = m_rows.at(index.row());
    const double fraction = row.quotaBytes && *row.quotaBytes > 0 ? double(row.bytes) / double(*row.quotaBytes) : -1.0;
    switch (role) {
    case BytesRole:
        return row.bytes;
    case QuotaRole:
        return row.quotaBytes.value_or(-1);
    case FractionRole:
        return fraction;
    case LevelRole:
        return QVariant::fromValue(levelOf(row.bytes, row.quotaBytes));
    case SortRole:
        switch (index.column()) {
        case ImagesColumn:
            return row.images;
        case SizeColumn:
            return row.bytes;
        case QuotaColumn:
            return row.quotaBytes.value_or(-1);
        case UsedColumn:
            return fraction;
        default:
            return row.collection;
        }
    case Qt::TextAlignmentRole:
        if (index.column() != CollectionColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case CollectionColumn:
            return row.collection;
        case ImagesColumn:
            return row.images;
        case SizeColumn:
            return AdminFormat::bytes(row.bytes);
        case QuotaColumn:
            return AdminFormat::quota(row.quotaBytes);
        case UsedColumn:
            return fraction < 0 ? QString() : AdminFormat::percent(fraction);
        }
        return {};
    }
    return {};
}

QVariant StorageUsageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CollectionColumn:
        return tr("Collection");
    case ImagesColumn:
        return tr("Images");
    case SizeColumn:
        return tr("Size");
    case QuotaColumn:
        return tr("Quota");
    case UsedColumn:
        return tr("Used");
    }
    return {};
}

CollectionUsage StorageUsageModel::usage(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : CollectionUsage {};
}

qint64 StorageUsageModel::largestBytes() const
{
    qint64 largest = 0;
    for (const CollectionUsage& row : m_rows)
        largest = qMax(largest, qMax(row.bytes, row.quotaBytes.value_or(0)));
    return largest;
}

void StorageUsageModel::reload()
{
    if (!source())
        return;
    const quint64 generation = beginLoad();
    source()->storageUsage(this, [this, generation](Result<StorageUsage> usage) {
        if (!isCurrent(generation))
            return;
        if (!usage)
            return endLoad(tr("Could not read the storage usage: %1").arg(usage.error().message()));
        QList<CollectionUsage> sorted = usage->collections;
        std::stable_sort(sorted.begin(), sorted.end(), [](const CollectionUsage& a, const CollectionUsage& b) {
            return a.bytes != b.bytes ? a.bytes > b.bytes : a.collection < b.collection;
        });
        replaceRows(
            m_rows, sorted, [](const CollectionUsage& r) { return r.collection; },
            [](const CollectionUsage& a, const CollectionUsage& b) {
                return a.bytes == b.bytes && a.images == b.images && a.quotaBytes == b.quotaBytes;
            });
        const bool totalsDiffer = m_totals.referencedBytes != usage->referencedBytes
            || m_totals.storedBytes != usage->storedBytes || m_totals.reclaimableBytes != usage->reclaimableBytes;
        m_totals = usage.value();
        m_totals.collections.clear();
        if (totalsDiffer)
            Q_EMIT totalsChanged();
        endLoad();
    });
}

} // namespace sreg
