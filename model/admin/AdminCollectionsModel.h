#pragma once

#include "SourceTableModel.h"

namespace sreg {

// Every collection of a source with its settings and sizes, for the Collections page of the administration
// window. Creating, changing and deleting go through here so the list follows at once.
class AdminCollectionsModel final : public SourceTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        DescriptionColumn,
        VisibilityColumn,
        ContainersColumn,
        ImagesColumn,
        SizeColumn,
        QuotaColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role
    {
        NameRole = Qt::UserRole + 1,
        PrivateRole,
        SortRole, // raw numbers for numeric columns
        RecordRole, // QVariant<CollectionRecord>
    };

    explicit AdminCollectionsModel(RegistrySource* source, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    CollectionRecord collection(int row) const;
    int rowOf(const QString& name) const; // -1 when absent

    void create(const QString& name, const QString& description, bool isPrivate, const Done& done = {});
    void update(const QString& name, const CollectionUpdate& update, const Done& done = {});
    void remove(const QString& name, const Done& done = {});

    // Collections are listed in pages of this many (keyset paging by name).
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

public Q_SLOTS:
    void reload() override;

protected:
    int rows() const override { return int(m_rows.size()); }

private:
    void loadPage(quint64 generation, const QString& after, QList<CollectionRecord> loaded);
    void apply(const QList<CollectionRecord>& fresh);

    QList<CollectionRecord> m_rows;
    int m_pageSize = 1000;
};

} // namespace sreg
