#include "MembersModel.h"

#include <algorithm>

namespace sreg {

namespace {

// Users and teams live in separate namespaces: "alice" the user and "alice" the team are two members.
QString keyOf(const CollectionMemberRecord& member)
{
    return (member.isTeam ? QStringLiteral("team:") : QStringLiteral("user:")) + member.name;
}

} // namespace

MembersModel::MembersModel(RegistrySource* source, QObject* parent) : SourceTableModel(source, ColumnCount, parent)
{
    if (source) {
        connect(source, &RegistrySource::collectionChanged, this, [this](const QString& collection) {
            if (collection == m_collection)
                scheduleReload();
        });
    }
}

QVariant MembersModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const CollectionMemberRecord& row = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return row.name;
    case IsTeamRole:
        return row.isTeam;
    case OwnerRole:
        return row.owner;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case KindColumn:
            return row.isTeam ? tr("Team") : tr("User");
        case RoleColumn:
            return row.owner ? tr("Owner") : tr("Contributor");
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == RoleColumn)
            return row.owner ? tr("Pushes, tags, deletes and edits the collection's settings and members")
                             : tr("Pulls the collection even when private; pushes when the owners allow it");
        return {};
    }
    return {};
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case RoleColumn:
        return tr("Role");
    }
    return {};
}

void MembersModel::setCollection(const QString& collection)
{
    if (collection == m_collection)
        return;
    m_collection = collection;
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    reload();
}

CollectionMemberRecord MembersModel::member(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : CollectionMemberRecord {};
}

int MembersModel::ownerCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const CollectionMemberRecord& m) { return m.owner; }));
}

void MembersModel::reload()
{
    if (!source() || m_collection.isEmpty())
        return;
    const quint64 generation = beginLoad();
    const QString collection = m_collection;
    source()->members(collection, this, [this, generation, collection](Result<QList<CollectionMemberRecord>> members) {
        if (!isCurrent(generation))
            return;
        if (!members)
            return endLoad(tr("Could not list the members of %1: %2").arg(collection, members.error().message()));
        replaceRows(
            m_rows, members.value(), keyOf,
            [](const CollectionMemberRecord& a, const CollectionMemberRecord& b) { return a.owner == b.owner; });
        endLoad();
    });
}

void MembersModel::setMember(const QString& principal, bool isTeam, const QString& role, const Done& done)
{
    const QString collection = m_collection;
    source()->setMember(collection, principal, isTeam, role, this,
                        [this, collection, principal, role, done](Result<bool> changed) {
                            if (changed)
                                reload();
                            QString error;
                            if (!changed) {
                                error = role.isEmpty() ? tr("Could not remove %1 from %2: %3")
                                                       : tr("Could not make %1 a member of %2: %3");
                                error = error.arg(principal, collection, changed.error().message());
                            }
                            finish(done, error);
                        });
}

} // namespace sreg
