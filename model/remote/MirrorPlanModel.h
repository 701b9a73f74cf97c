#pragma once

#include "remote/MirrorPlan.h"

#include <QAbstractTableModel>

namespace sreg {

// The preview of a mirror run as a table: one row per action (copy, freeze, delete, keep a frozen tag), with the
// tag, the image and the bytes that may travel.
class MirrorPlanModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ActionColumn,
        TagColumn,
        DigestColumn,
        SizeColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1, // MirrorAction::Kind as int
        RawSizeRole,
    };

    explicit MirrorPlanModel(QObject* parent = nullptr);

    void setPlan(const remote::MirrorPlan& plan);
    const remote::MirrorPlan& plan() const { return m_plan; }
    // "3 to copy (1.2 GB), 1 to delete, …": the line under the table.
    QString summary() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    remote::MirrorPlan m_plan;
};

} // namespace sreg
