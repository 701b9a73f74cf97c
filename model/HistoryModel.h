#pragma once

#include "metadata/Records.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace sreg {

class RegistrySource;

// What one tag pointed at over time (set, moved, frozen, deleted), newest first, loaded from the source.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        WhenColumn,
        ActionColumn,
        DigestColumn,
        ActorColumn,
        ColumnCount
    };
    enum Role
    {
        DigestRole = Qt::UserRole + 1, // full digest
        TimeRole, // ms since epoch
    };

    explicit HistoryModel(QObject* parent = nullptr);
    ~HistoryModel() override;
    Q_DISABLE_COPY_MOVE(HistoryModel)

    // Loads the history of tag (null source: clears).
    void setTag(RegistrySource* source, const TagRecord& tag);
    void clear();
    bool isLoading() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString& message);

private:
    QString actionText(const QString& action) const;

    QList<TagHistoryRecord> m_rows;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace sreg
