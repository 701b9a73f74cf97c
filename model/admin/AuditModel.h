#pragma once

#include "AuditFilter.h"
#include "SourceTableModel.h"

namespace sreg {

// The audit log, newest first, loaded a page at a time as the view scrolls (fetchMore), under a filter.
class AuditModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        ObjectColumn,
        OutcomeColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        OutcomeRole, // "ok", "denied", "failed"
        TimeRole, // ms since epoch
    };

    explicit AuditModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    AuditFilter filter() const { return m_filter; }
    // Drops the rows and loads the first page under the new filter.
    void setFilter(const AuditFilter& filter);
    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }
    int pageSize() const { return m_pageSize; }
    bool isFetching() const { return m_fetching; }
    bool hasMore() const { return m_hasMore; }
    AuditEventRecord event(int row) const;
    const QList<AuditEventRecord>& events() const { return m_rows; }
    // Actors and actions of the loaded events, for the filter's suggestions.
    QStringList actorsSeen() const;
    QStringList actionsSeen() const;

public Q_SLOTS:
    void reload() override;

Q_SIGNALS:
    void fetchingChanged(bool fetching);

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    void fetchPage(quint64 generation, int wanted);
    void setFetching(bool fetching);

    AuditFilter m_filter;
    QList<AuditEventRecord> m_rows;
    qint64 m_oldestId = 0; // paging cursor: the oldest event id the engine handed us
    int m_pageSize = 200;
    bool m_hasMore = false;
    bool m_fetching = false;
    quint64 m_generation = 0;
};

} // namespace sreg
