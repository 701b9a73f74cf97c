#include "TagFilterProxyModel.h"

#include "TagTableModel.h"

namespace sreg {

TagFilterProxyModel::TagFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TagTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
}

TagFilterProxyModel::~TagFilterProxyModel() = default;

void TagFilterProxyModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
    loadEverythingIfNeeded();
}

QString TagFilterProxyModel::filterText() const
{
    return m_text;
}

void TagFilterProxyModel::setArchFilter(const QString& arch)
{
    if (arch == m_arch)
        return;
    m_arch = arch;
    invalidateRowsFilter();
    loadEverythingIfNeeded();
}

void TagFilterProxyModel::setSignedOnly(bool signedOnly)
{
    if (signedOnly == m_signedOnly)
        return;
    m_signedOnly = signedOnly;
    invalidateRowsFilter();
    loadEverythingIfNeeded();
}

void TagFilterProxyModel::setFrozenOnly(bool frozenOnly)
{
    if (frozenOnly == m_frozenOnly)
        return;
    m_frozenOnly = frozenOnly;
    invalidateRowsFilter();
    loadEverythingIfNeeded();
}

void TagFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    QSortFilterProxyModel::sort(column, order);
    // The load order is container, tag, arch ascending: any other order is only right over every row.
    const bool loadOrder = column < 0 || (order == Qt::AscendingOrder && column == TagTableModel::ContainerColumn);
    if (!loadOrder)
        loadEverythingIfNeeded();
}

bool TagFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!isFiltering())
        return true;
    // Straight from the rows: a QVariant copy of each record would cost more than the match itself.
    auto* tags = qobject_cast<const TagTableModel*>(sourceModel());
    if (!tags || sourceParent.isValid())
        return true;
    const TagRecord& tag = tags->recordAt(sourceRow);
    if (!m_arch.isEmpty() && tag.arch != m_arch)
        return false;
    if (m_signedOnly && !tag.image.isSigned)
        return false;
    if (m_frozenOnly && !tag.frozen)
        return false;
    if (m_text.isEmpty())
        return true;
    // Every word must match somewhere: "lolcow arm64" finds the arm64 tags of lolcow.
    const QStringList words = m_text.split(u' ', Qt::SkipEmptyParts);
    for (const QString& word : words) {
        if (!tag.container.contains(word, Qt::CaseInsensitive) && !tag.name.contains(word, Qt::CaseInsensitive)
            && !tag.arch.contains(word, Qt::CaseInsensitive) && !tag.image.digest.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool TagFilterProxyModel::isFiltering() const
{
    return !m_text.isEmpty() || !m_arch.isEmpty() || m_signedOnly || m_frozenOnly;
}

void TagFilterProxyModel::loadEverythingIfNeeded()
{
    if (!isFiltering() && sortColumn() < 0)
        return;
    if (auto* tags = qobject_cast<TagTableModel*>(sourceModel()))
        tags->fetchAll();
}

} // namespace sreg
