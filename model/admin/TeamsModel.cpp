#include "TeamsModel.h"

#include "AdminFormat.h"
#include "registry/RecordJson.h"

#include <QLocale>

namespace sreg {

namespace {

QStringList ownersOf(const TeamRecord& team)
{
    QStringList owners;
    for (const TeamMemberRecord& member : team.members) {
        if (member.owner)
            owners.append(member.userName);
    }
    return owners;
}

} // namespace

TeamsModel::TeamsModel(RegistrySource* source, QObject* parent) : SourceTableModel(source, ColumnCount, parent)
{
    if (source)
        connect(source, &RegistrySource::accountsChanged, this, &TeamsModel::scheduleReload);
}

QVariant TeamsModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const TeamRecord& row = m_rows.at(index.row());
    switch (role) {
    case NameRole:
        return row.name;
    case RecordRole:
        return QVariant::fromValue(row);
    case SortRole:
        switch (index.column()) {
        case MembersColumn:
            return int(row.members.size());
        case CreatedColumn:
            return row.createdAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case DescriptionColumn:
            return row.description;
        case MembersColumn:
            return int(row.members.size());
        case OwnersColumn:
            return QLocale().createSeparatedList(ownersOf(row));
        case CreatedColumn:
            return AdminFormat::date(row.createdAt);
        }
        return {};
    }
    return {};
}

QVariant TeamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Team");
    case DescriptionColumn:
        return tr("Description");
    case MembersColumn:
        return tr("Members");
    case OwnersColumn:
        return tr("Owners");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

TeamRecord TeamsModel::team(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : TeamRecord {};
}

int TeamsModel::rowOf(const QString& name) const
{
    return rowOfName(m_rows, name);
}

QStringList TeamsModel::names() const
{
    return namesOf(m_rows);
}

void TeamsModel::reload()
{
    if (!source())
        return;
    const quint64 generation = beginLoad();
    source()->teams(this, [this, generation](Result<QList<TeamRecord>> teams) {
        if (!isCurrent(generation))
            return;
        if (!teams)
            return endLoad(tr("Could not list the teams: %1").arg(teams.error().message()));
        replaceRows(
            m_rows, teams.value(), [](const TeamRecord& r) { return r.name; },
            [](const TeamRecord& a, const TeamRecord& b) { return RecordJson::toJson(a) == RecordJson::toJson(b); });
        endLoad();
    });
}

void TeamsModel::createTeam(const QString& name, const QString& description, const Done& done)
{
    source()->createTeam(name, description, this, [this, name, done](Result<TeamRecord> created) {
        if (created)
            reload();
        finish(done, created ? QString() : tr("Could not create team %1: %2").arg(name, created.error().message()));
    });
}

void TeamsModel::removeTeam(const QString& name, const Done& done)
{
    source()->removeTeam(name, this, [this, name, done](Result<bool> removed) {
        if (removed)
            reload();
        finish(done, removed ? QString() : tr("Could not delete team %1: %2").arg(name, removed.error().message()));
    });
}

void TeamsModel::setMember(const QString& team, const QString& user, const QString& role, const Done& done)
{
    source()->setTeamMember(team, user, role, this, [this, team, user, role, done](Result<bool> changed) {
        if (changed)
            reload();
        QString error;
        if (!changed) {
            error = role.isEmpty() ? tr("Could not remove %1 from team %2: %3")
                                   : tr("Could not make %1 a member of team %2: %3");
            error = error.arg(user, team, changed.error().message());
        }
        finish(done, error);
    });
}

} // namespace sreg
