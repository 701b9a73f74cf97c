#pragma once

#include "SourceTableModel.h"

namespace sreg {

// The teams of a registry with their members; creating and deleting teams and changing members.
class TeamsModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        DescriptionColumn,
        MembersColumn,
        OwnersColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        SortRole,
        RecordRole, // QVariant<TeamRecord>
    };

    explicit TeamsModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    TeamRecord team(int row) const;
    int rowOf(const QString& name) const;
    QStringList names() const;

    void createTeam(const QString& name, const QString& description, const Done& done = {});
    void removeTeam(const QString& name, const Done& done = {});
    // role: "owner", "member", or empty to remove the user from the team.
    void setMember(const QString& team, const QString& user, const QString& role, const Done& done = {});

public Q_SLOTS:
    void reload() override;

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    QList<TeamRecord> m_rows;
};

} // namespace sreg
