#pragma once

#include "SourceTableModel.h"

namespace sreg {

// The users of a registry: role, state and quota, with the operations of the Users page.
class UsersModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        FullNameColumn,
        EmailColumn,
        RoleColumn,
        StateColumn,
        QuotaColumn,
        CreatedColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        AdminRole,
        ActiveRole,
        SortRole,
        RecordRole, // QVariant<UserRecord>
    };

    explicit UsersModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    UserRecord user(int row) const;
    int rowOf(const QString& name) const;
    QStringList names() const;

    void addUser(const QString& name, bool admin, const QString& fullName, const QString& email, const Done& done = {});
    void setActive(const QString& name, bool active, const Done& done = {});
    void setAdmin(const QString& name, bool admin, const Done& done = {});
    void setQuota(const QString& name, std::optional<qint64> bytes, const Done& done = {});

public Q_SLOTS:
    void reload() override;

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    Done reloadThen(const Done& done);

    QList<UserRecord> m_rows;
};

} // namespace sreg
