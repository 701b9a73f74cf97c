#pragma once

#include "metadata/Records.h"

#include <QAbstractTableModel>

namespace sreg {

// The members of one team, taken from the TeamRecord the TeamsModel holds (the engine hands them together).
class TeamMembersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        UserColumn,
        RoleColumn,
        ColumnCount
    };
    enum Role
    {
        UserNameRole = Qt::UserRole + 1,
        OwnerRole,
    };

    explicit TeamMembersModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString team() const { return m_team; }
    TeamMemberRecord member(int row) const;
    // Shows team's members; for the same team, rows are updated in place.
    void setTeam(const TeamRecord& team);
    void clear();

private:
    QString m_team;
    QList<TeamMemberRecord> m_rows;
};

} // namespace sreg
