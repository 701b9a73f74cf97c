#pragma once

#include "SourceTableModel.h"

namespace sreg {

// The owners and contributors (users and teams) of one collection.
class MembersModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        KindColumn,
        RoleColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        IsTeamRole,
        OwnerRole,
    };

    explicit MembersModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString collection() const { return m_collection; }
    void setCollection(const QString& collection);
    CollectionMemberRecord member(int row) const;
    int ownerCount() const;

    // role: "owner", "contributor", or empty to remove the member.
    void setMember(const QString& principal, bool isTeam, const QString& role, const Done& done = {});

public Q_SLOTS:
    void reload() override;

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    QString m_collection;
    QList<CollectionMemberRecord> m_rows;
};

} // namespace sreg
