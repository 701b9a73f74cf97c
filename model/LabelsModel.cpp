#include "LabelsModel.h"

#include <QJsonValue>

namespace sreg {

LabelsModel::LabelsModel(QObject* parent) : QAbstractTableModel(parent) { }

LabelsModel::~LabelsModel() = default;

void LabelsModel::setSifJson(const QJsonObject& sif)
{
    const QJsonObject labels
        = sif.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("labels")).toObject();
    beginResetModel();
    m_labels.clear();
    // QJsonObject iterates in key order already.
    for (auto it = labels.begin(); it != labels.end(); ++it)
        m_labels.append(
            { it.key(), it.value().isString() ? it.value().toString() : it.value().toVariant().toString() });
    endResetModel();
}

void LabelsModel::clear()
{
    setSifJson({});
}

QString LabelsModel::valueOf(const QString& key) const
{
    for (const auto& label : m_labels) {
        if (label.first == key)
            return label.second;
    }
    return {};
}

int LabelsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_labels.size());
}

int LabelsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LabelsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::EditRole)
        return {};
    const auto& label = m_labels.at(index.row());
    return index.column() == KeyColumn ? label.first : label.second;
}

QVariant LabelsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == KeyColumn ? tr("Label") : tr("Value");
}

} // namespace sreg
