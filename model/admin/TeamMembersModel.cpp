#include "TeamMembersModel.h"

#include <algorithm>

namespace sreg {

TeamMembersModel::TeamMembersModel(QObject* parent) : QAbstractTableModel(parent) { }

int TeamMembersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TeamMembersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TeamMembersModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const TeamMemberRecord& row = m_rows.at(index.row());
    switch (role) {
    case UserNameRole:
        return row.userName;
    case OwnerRole:
        return row.owner;
    case Qt::DisplayRole:
        if (index.column() == UserColumn)
            return row.userName;
        return row.owner ? tr("Owner") : tr("Member");
    case Qt::ToolTipRole:
        if (index.column() == RoleColumn)
            return row.owner ? tr("Can change the team's members") : tr("Shares the team's access to collections");
        return {};
    }
    return {};
}

QVariant TeamMembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == UserColumn ? tr("User") : tr("Role");
}

TeamMemberRecord TeamMembersModel::member(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : TeamMemberRecord {};
}

void TeamMembersModel::setTeam(const TeamRecord& team)
{
    if (team.name != m_team) {
        beginResetModel();
        m_team = team.name;
        m_rows = team.members;
        endResetModel();
        return;
    }
    // Same team after a reload: remove, update and append so a selected member stays selected.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool kept = std::any_of(team.members.begin(), team.members.end(),
                                      [&](const TeamMemberRecord& m) { return m.userName == m_rows.at(i).userName; });
        if (!kept) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const TeamMemberRecord& member : team.members) {
        auto found = std::find_if(m_rows.begin(), m_rows.end(),
                                  [&](const TeamMemberRecord& m) { return m.userName == member.userName; });
        if (found == m_rows.end()) {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(member);
            endInsertRows();
        } else if (found->owner != member.owner) {
            found->owner = member.owner;
            const int row = int(found - m_rows.begin());
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
}

void TeamMembersModel::clear()
{
    beginResetModel();
    m_team.clear();
    m_rows.clear();
    endResetModel();
}

} // namespace sreg
