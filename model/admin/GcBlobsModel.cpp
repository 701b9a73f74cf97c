#include "GcBlobsModel.h"

#include "AdminFormat.h"

#include <algorithm>

namespace sreg {

GcBlobsModel::GcBlobsModel(QObject* parent) : QAbstractTableModel(parent) { }

int GcBlobsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_report.blobs.size());
}

int GcBlobsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GcBlobsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_report.blobs.size()
        || index.column() >= ColumnCount)
        return {};
    const BlobInfo& blob = m_report.blobs.at(index.row());
    switch (role) {
    case BytesRole:
        return blob.size;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DigestColumn)
            return blob.digest.toString();
        return {};
    case Qt::DisplayRole:
        return index.column() == DigestColumn ? blob.digest.toString() : AdminFormat::bytes(blob.size);
    }
    return {};
}

QVariant GcBlobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == DigestColumn ? tr("Blob") : tr("Size");
}

void GcBlobsModel::setReport(const GcReport& report)
{
    beginResetModel();
    m_report = report;
    std::stable_sort(m_report.blobs.begin(), m_report.blobs.end(),
                     [](const BlobInfo& a, const BlobInfo& b) { return a.size > b.size; });
    endResetModel();
}

} // namespace sreg
