#include "HistoryModel.h"

#include "Format.h"
#include "RegistrySource.h"

namespace sreg {

HistoryModel::HistoryModel(QObject* parent) : QAbstractTableModel(parent) { }

HistoryModel::~HistoryModel() = default;

void HistoryModel::setTag(RegistrySource* source, const TagRecord& tag)
{
    clear();
    if (!source)
        return;
    m_loading = true;
    const quint64 generation = m_generation;
    source->history(tag, this, [this, generation](Result<QList<TagHistoryRecord>> result) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!result) {
            Q_EMIT loadFailed(result.error().message());
            return;
        }
        if (!result->isEmpty()) {
            beginInsertRows({}, 0, int(result->size()) - 1);
            m_rows = *result;
            endInsertRows();
        }
        Q_EMIT loaded();
    });
}

void HistoryModel::clear()
{
    ++m_generation;
    m_loading = false;
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

bool HistoryModel::isLoading() const
{
    return m_loading;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TagHistoryRecord& row = m_rows.at(index.row());
    switch (role) {
    case DigestRole:
        return row.digest;
    case TimeRole:
        return row.at;
    case Qt::ToolTipRole:
        return index.column() == DigestColumn ? row.digest : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return Format::dateTime(row.at);
        case ActionColumn:
            return actionText(row.action);
        case DigestColumn:
            return Format::shortDigest(row.digest);
        case ActorColumn:
            return row.actor;
        }
        return {};
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActionColumn:
        return tr("What");
    case DigestColumn:
        return tr("Image");
    case ActorColumn:
        return tr("By");
    default:
        return {};
    }
}

QString HistoryModel::actionText(const QString& action) const
{
    if (action == u"set")
        return tr("Set");
    if (action == u"moved")
        return tr("Moved here");
    if (action == u"deleted")
        return tr("Deleted");
    if (action == u"frozen")
        return tr("Frozen");
    if (action == u"unfrozen")
        return tr("Unfrozen");
    return action;
}

} // namespace sreg
