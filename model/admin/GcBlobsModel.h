#pragma once

#include "registry/MaintenanceService.h"

#include <QAbstractTableModel>

namespace sreg {

// The blobs a garbage collection found unreferenced (the dry run's preview, or what a real run removed),
// largest first.
class GcBlobsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DigestColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        BytesRole = Qt::UserRole + 1,
    };

    explicit GcBlobsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setReport(const GcReport& report);
    const GcReport& report() const { return m_report; }

private:
    GcReport m_report;
};

} // namespace sreg
