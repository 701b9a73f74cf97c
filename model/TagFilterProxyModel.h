#pragma once

#include <QSortFilterProxyModel>

namespace sreg {

// Sorts and filters the tag table. Sorting uses TagTableModel::SortRole (bytes, times, counts as numbers);
// the filter text matches container, tag, arch and digest. Filtering or sorting by anything but the load
// order needs every row, so either asks the source model to load the rest (in the background, in pages).
class TagFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TagFilterProxyModel(QObject* parent = nullptr);
    ~TagFilterProxyModel() override;
    Q_DISABLE_COPY_MOVE(TagFilterProxyModel)

    void setFilterText(const QString& text);
    QString filterText() const;
    void setArchFilter(const QString& arch); // empty: any
    void setSignedOnly(bool signedOnly);
    void setFrozenOnly(bool frozenOnly);

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool isFiltering() const;
    void loadEverythingIfNeeded();

    QString m_text;
    QString m_arch;
    bool m_signedOnly = false;
    bool m_frozenOnly = false;
};

} // namespace sreg
