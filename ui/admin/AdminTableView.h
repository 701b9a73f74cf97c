#pragma once

#include <QTableView>

namespace sreg {

// The administration pages' tables, configured alike: whole rows selected one at a time, single-line cells,
// no row numbers, and columns fitted to their contents once the first rows arrive (later loads keep the
// widths the user may have dragged). stretchColumn, when set, takes the remaining width.
class AdminTableView final : public QTableView
{
    Q_OBJECT

public:
    AdminTableView(const QString& accessibleName, QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    void setStretchColumn(int column) { m_stretchColumn = column; }

private:
    void fitOnce();

    int m_stretchColumn = -1;
    bool m_fitted = false;
};

} // namespace sreg
