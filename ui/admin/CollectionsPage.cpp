#include "CollectionsPage.h"

#include "AdminIcons.h"
#include "AdminTableView.h"
#include "CollectionDeletion.h"
#include "CollectionSettingsDialog.h"
#include "InlineMessage.h"
#include "NewCollectionDialog.h"
#include "admin/AdminCollectionsModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

CollectionsPage::CollectionsPage(RegistrySource* source, QWidget* parent)
    : AdminPage(source, parent)
    , m_model(new AdminCollectionsModel(source, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new AdminTableView(tr("Collections"), this))
    , m_new(new QPushButton(AdminIcons::icon(QStringLiteral("collection-new"), QStyle::SP_FileDialogNewFolder, this),
                            tr("&New Collection…"), this))
    , m_settings(new QPushButton(tr("&Settings…"), this))
    , m_delete(
          new QPushButton(AdminIcons::icon(QStringLiteral("delete"), QStyle::SP_TrashIcon, this), tr("&Delete…"), this))
{
    setObjectName(QStringLiteral("collectionsPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AdminCollectionsModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setPlaceholderText(tr("Filter collections"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter collections"));
    m_view->setObjectName(QStringLiteral("collectionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AdminCollectionsModel::NameColumn, Qt::AscendingOrder);
    m_view->setStretchColumn(AdminCollectionsModel::DescriptionColumn);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_new);
    bar->addWidget(m_settings);
    bar->addWidget(m_delete);
    bar->addStretch(1);
    bar->addWidget(m_filter);
    pageLayout()->addLayout(bar);
    pageLayout()->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_new, &QPushButton::clicked, this, &CollectionsPage::newCollection);
    connect(m_settings, &QPushButton::clicked, this, &CollectionsPage::openSettings);
    connect(m_delete, &QPushButton::clicked, this, &CollectionsPage::deleteSelected);
    connect(m_view, &QTableView::activated, this, &CollectionsPage::openSettings);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CollectionsPage::updateButtons);
    connect(m_model, &AdminCollectionsModel::errorOccurred, message(), &InlineMessage::showError);
    connect(m_model, &AdminCollectionsModel::reloaded, this, &CollectionsPage::updateButtons);
    auto* deleteShortcut = new QShortcut(QKeySequence::Delete, m_view);
    connect(deleteShortcut, &QShortcut::activated, this, &CollectionsPage::deleteSelected);
    updateButtons();
}

void CollectionsPage::refresh()
{
    m_model->reload();
}

QString CollectionsPage::selectedCollection() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AdminCollectionsModel::NameRole).toString();
}

void CollectionsPage::selectCollection(const QString& name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void CollectionsPage::updateButtons()
{
    const bool canEdit = supports(RegistrySource::Feature::EditCollections);
    const bool selected = !selectedCollection().isEmpty();
    m_new->setEnabled(canEdit);
    m_settings->setEnabled(selected);
    m_delete->setEnabled(selected && supports(RegistrySource::Feature::Delete));
    if (!canEdit)
        m_new->setToolTip(source()->unsupportedReason(RegistrySource::Feature::EditCollections));
    if (!supports(RegistrySource::Feature::Delete))
        m_delete->setToolTip(source()->unsupportedReason(RegistrySource::Feature::Delete));
}

void CollectionsPage::newCollection()
{
    auto* dialog = new NewCollectionDialog([this](const QString& name, const QString& description, bool isPrivate,
                                                  auto done) { m_model->create(name, description, isPrivate, done); },
                                           this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString name = dialog->createdName();
        message()->showMessage(tr("Collection %1 created.").arg(name), InlineMessage::Kind::Success);
        // The row arrives with the reload the creation started; select it then.
        connect(
            m_model, &AdminCollectionsModel::reloaded, this, [this, name] { selectCollection(name); },
            Qt::SingleShotConnection);
    });
    dialog->open();
}

void CollectionsPage::openSettings()
{
    const QString name = selectedCollection();
    if (name.isEmpty())
        return;
    auto* dialog = new CollectionSettingsDialog(source(), name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CollectionSettingsDialog::saved, m_model, &AdminCollectionsModel::reload);
    dialog->open();
}

void CollectionsPage::deleteSelected()
{
    const QString name = selectedCollection();
    if (name.isEmpty() || !supports(RegistrySource::Feature::Delete))
        return;
    auto* dialog
        = CollectionDeletion::open(this, source(), name, [this, name](auto done) { m_model->remove(name, done); });
    connect(dialog, &QDialog::accepted, this, [this, name] {
        message()->showMessage(tr("Collection %1 deleted.").arg(name), InlineMessage::Kind::Success);
    });
}

} // namespace sreg
