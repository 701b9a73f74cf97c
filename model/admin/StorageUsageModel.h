#pragma once

#include "SourceTableModel.h"

namespace sreg {

// Storage used per collection, largest first, against its quota; plus the registry's totals (referenced,
// stored and reclaimable bytes). The StorageChart paints it; a table can show the same rows.
class StorageUsageModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CollectionColumn,
        ImagesColumn,
        SizeColumn,
        QuotaColumn,
        UsedColumn,
        ColumnCount
    };
    enum Role
    {
        BytesRole = Qt::UserRole + 1, // qint64
        QuotaRole, // qint64, -1 without a quota
        FractionRole, // double: bytes / quota, -1 without a quota
        LevelRole, // QuotaLevel
        SortRole,
    };
    // Quay's warning thresholds (quay#6165): 80 % warns, 90 % is serious, 100 % refuses pushes.
    enum class QuotaLevel
    {
        NoQuota,
        Normal,
        Warning, // >= 80 %
        Critical, // >= 90 %
        Full, // >= 100 %
    };
    Q_ENUM(QuotaLevel)

    explicit StorageUsageModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QuotaLevel levelOf(qint64 bytes, std::optional<qint64> quota);
    CollectionUsage usage(int row) const;
    qint64 largestBytes() const; // the longest bar of a chart
    qint64 referencedBytes() const { return m_totals.referencedBytes; }
    qint64 storedBytes() const { return m_totals.storedBytes; }
    qint64 reclaimableBytes() const { return m_totals.reclaimableBytes; }

public Q_SLOTS:
    void reload() override;

Q_SIGNALS:
    void totalsChanged();

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    QList<CollectionUsage> m_rows;
    StorageUsage m_totals;
};

} // namespace sreg
