#include "UsersModel.h"

#include "AdminFormat.h"
#include "registry/RecordJson.h"

namespace sreg {

UsersModel::UsersModel(RegistrySource* source, QObject* parent) : SourceTableModel(source, ColumnCount, parent)
{
    if (source)
        connect(source, &RegistrySource::accountsChanged, this, &UsersModel::scheduleReload);
}

QVariant UsersModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const UserRecord& row = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return row.name;
    case AdminRole:
        return row.admin;
    case ActiveRole:
        return row.active;
    case RecordRole:
        return QVariant::fromValue(row);
    case SortRole:
        switch (index.column()) {
        case QuotaColumn:
            return row.quotaBytes.value_or(-1);
        case CreatedColumn:
            return row.createdAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case FullNameColumn:
            return row.fullName;
        case EmailColumn:
            return row.email;
        case RoleColumn:
            return row.admin ? tr("Administrator") : tr("User");
        case StateColumn:
            return row.active ? tr("Active") : tr("Disabled");
        case QuotaColumn:
            return AdminFormat::quota(row.quotaBytes);
        case CreatedColumn:
            return AdminFormat::date(row.createdAt);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !row.active)
            return tr("A disabled user's tokens are refused until the user is enabled again");
        return {};
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("User");
    case FullNameColumn:
        return tr("Full name");
    case EmailColumn:
        return tr("Email");
    case RoleColumn:
        return tr("Role");
    case StateColumn:
        return tr("State");
    case QuotaColumn:
        return tr("Quota");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

UserRecord UsersModel::user(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : UserRecord {};
}

int UsersModel::rowOf(const QString& name) const
{
    return rowOfName(m_rows, name);
}

QStringList UsersModel::names() const
{
    return namesOf(m_rows);
}

void UsersModel::reload()
{
    if (!source())
        return;
    const quint64 generation = beginLoad();
    source()->users(this, [this, generation](Result<QList<UserRecord>> users) {
        if (!isCurrent(generation))
            return;
        if (!users)
            return endLoad(tr("Could not list the users: %1").arg(users.error().message()));
        replaceRows(
            m_rows, users.value(), [](const UserRecord& r) { return r.name; },
            [](const UserRecord& a, const UserRecord& b) { return RecordJson::toJson(a) == RecordJson::toJson(b); });
        endLoad();
    });
}

SourceTableModel::Done UsersModel::reloadThen(const Done& done)
{
    return [this, done](const QString& error) {
        if (error.isEmpty())
            reload();
        finish(done, error);
    };
}

void UsersModel::addUser(const QString& name, bool admin, const QString& fullName, const QString& email,
                         const Done& done)
{
    const Done then = reloadThen(done);
    source()->addUser(name, admin, fullName, email, this, [this, name, then](Result<UserRecord> added) {
        then(added ? QString() : tr("Could not add user %1: %2").arg(name, added.error().message()));
    });
}

void UsersModel::setActive(const QString& name, bool active, const Done& done)
{
    const Done then = reloadThen(done);
    source()->setUserActive(name, active, this, [this, name, active, then](Result<bool> changed) {
        if (changed)
            return then({});
        then((active ? tr("Could not enable %1: %2") : tr("Could not disable %1: %2"))
                 .arg(name, changed.error().message()));
    });
}

void UsersModel::setAdmin(const QString& name, bool admin, const Done& done)
{
    const Done then = reloadThen(done);
    source()->setUserAdmin(name, admin, this, [this, name, admin, then](Result<bool> changed) {
        if (changed)
            return then({});
        then((admin ? tr("Could not make %1 an administrator: %2") : tr("Could not revoke %1's administration: %2"))
                 .arg(name, changed.error().message()));
    });
}

void UsersModel::setQuota(const QString& name, std::optional<qint64> bytes, const Done& done)
{
    const Done then = reloadThen(done);
    source()->setUserQuota(name, bytes, this, [this, name, then](Result<bool> changed) {
        then(changed ? QString() : tr("Could not set %1's quota: %2").arg(name, changed.error().message()));
    });
}

} // namespace sreg
