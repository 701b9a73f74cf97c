#include "AdminTableView.h"

#include <QHeaderView>

namespace sreg {

AdminTableView::AdminTableView(const QString& accessibleName, QWidget* parent) : QTableView(parent)
{
    setAccessibleName(accessibleName);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    setAlternatingRowColors(true);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
}

void AdminTableView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &AdminTableView::fitOnce);
    connect(model, &QAbstractItemModel::modelReset, this, &AdminTableView::fitOnce);
}

void AdminTableView::fitOnce()
{
    if (m_fitted || !model() || model()->rowCount() == 0)
        return;
    m_fitted = true;
    // Only the rows loaded so far are measured (a page of them at most), never the whole table.
    resizeColumnsToContents();
    if (m_stretchColumn >= 0)
        horizontalHeader()->setSectionResizeMode(m_stretchColumn, QHeaderView::Stretch);
}

} // namespace sreg
