#include "AuditModel.h"

#include "AdminFormat.h"

#include <QSet>

namespace sreg {

AuditModel::AuditModel(RegistrySource* source, QObject* parent) : SourceTableModel(source, ColumnCount, parent) { }

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!isRowIndex(index))
        return {};
    const AuditEventRecord& row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case OutcomeRole:
        return row.outcome;
    case TimeRole:
        return row.at;
    case Qt::ToolTipRole:
        if (index.column() == DetailColumn || index.column() == ObjectColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return AdminFormat::dateTime(row.at);
        case ActorColumn:
            return row.actor;
        case ActionColumn:
            return row.action;
        case ObjectColumn:
            return row.objectType.isEmpty() ? row.object : tr("%1 %2").arg(row.objectType, row.object);
        case OutcomeColumn:
            if (row.outcome == u"ok")
                return tr("OK");
            if (row.outcome == u"denied")
                return tr("Denied");
            if (row.outcome == u"failed")
                return tr("Failed");
            return row.outcome;
        case DetailColumn:
            return row.detail;
        }
        return {};
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Actor");
    case ActionColumn:
        return tr("Action");
    case ObjectColumn:
        return tr("Object");
    case OutcomeColumn:
        return tr("Outcome");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

bool AuditModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching;
}

void AuditModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent) || !source())
        return;
    fetchPage(m_generation, m_pageSize);
}

void AuditModel::setFilter(const AuditFilter& filter)
{
    m_filter = filter;
    reload();
}

void AuditModel::reload()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_oldestId = 0;
    m_hasMore = source() != nullptr;
    m_fetching = false;
    endResetModel();
    // A view (or a model tester) reacting to the reset may already have asked for the first page.
    if (canFetchMore({}))
        fetchMore({});
}

void AuditModel::fetchPage(quint64 generation, int wanted)
{
    setFetching(true);
    const quint64 loadGeneration = beginLoad();
    source()->audit(m_filter.toQuery(m_oldestId, m_pageSize), this,
                    [this, generation, loadGeneration, wanted](Result<QList<AuditEventRecord>> page) {
                        if (generation != m_generation || !isCurrent(loadGeneration))
                            return;
                        setFetching(false);
                        if (!page) {
                            m_hasMore = false;
                            return endLoad(tr("Could not read the audit log: %1").arg(page.error().message()));
                        }
                        m_hasMore = page->size() >= m_pageSize;
                        QList<AuditEventRecord> matching;
                        for (const AuditEventRecord& event : page.value()) {
                            m_oldestId = m_oldestId == 0 ? event.id : qMin(m_oldestId, event.id);
                            if (m_filter.matches(event))
                                matching.append(event);
                        }
                        if (!matching.isEmpty()) {
                            const int first = int(m_rows.size());
                            beginInsertRows({}, first, first + int(matching.size()) - 1);
                            m_rows += matching;
                            endInsertRows();
                        }
                        // The outcome is filtered here, so a page may yield few rows; keep reading until the
                        // view has something to show rather than leave it waiting for a scroll that cannot come.
                        const int stillWanted = wanted - int(matching.size());
                        if (m_hasMore && stillWanted > 0 && !m_filter.outcome.isEmpty())
                            return fetchPage(generation, stillWanted);
                        endLoad();
                    });
}

void AuditModel::setFetching(bool fetching)
{
    if (m_fetching == fetching)
        return;
    m_fetching = fetching;
    Q_EMIT fetchingChanged(fetching);
}

AuditEventRecord AuditModel::event(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : AuditEventRecord {};
}

QStringList AuditModel::actorsSeen() const
{
    QSet<QString> actors;
    for (const AuditEventRecord& event : m_rows)
        actors.insert(event.actor);
    QStringList sorted(actors.begin(), actors.end());
    sorted.sort();
    return sorted;
}

QStringList AuditModel::actionsSeen() const
{
    QSet<QString> actions;
    for (const AuditEventRecord& event : m_rows)
        actions.insert(event.action);
    QStringList sorted(actions.begin(), actions.end());
    sorted.sort();
    return sorted;
}

} // namespace sreg
