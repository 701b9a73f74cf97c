#include "UsersPage.h"

#include "AddUserDialog.h"
#include "AdminTableView.h"
#include "InlineMessage.h"
#include "QuotaDialog.h"
#include "admin/UsersModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

UsersPage::UsersPage(RegistrySource* source, QWidget* parent)
    : AdminPage(source, parent)
    , m_model(new UsersModel(source, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new AdminTableView(tr("Users"), this))
    , m_add(new QPushButton(tr("&Add User…"), this))
    , m_active(new QPushButton(tr("&Disable"), this))
    , m_admin(new QPushButton(tr("Make A&dministrator"), this))
    , m_quota(new QPushButton(tr("&Quota…"), this))
{
    setObjectName(QStringLiteral("usersPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(UsersModel::SortRole);
    m_view->setObjectName(QStringLiteral("usersView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(UsersModel::NameColumn, Qt::AscendingOrder);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_add);
    bar->addWidget(m_active);
    bar->addWidget(m_admin);
    bar->addWidget(m_quota);
    bar->addStretch(1);
    pageLayout()->addLayout(bar);
    pageLayout()->addWidget(m_view, 1);

    connect(m_add, &QPushButton::clicked, this, &UsersPage::addUser);
    connect(m_active, &QPushButton::clicked, this, &UsersPage::toggleActive);
    connect(m_admin, &QPushButton::clicked, this, &UsersPage::toggleAdmin);
    connect(m_quota, &QPushButton::clicked, this, &UsersPage::editQuota);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UsersPage::updateButtons);
    connect(m_model, &UsersModel::dataChanged, this, &UsersPage::updateButtons);
    connect(m_model, &UsersModel::reloaded, this, &UsersPage::updateButtons);
    connect(m_model, &UsersModel::errorOccurred, message(), &InlineMessage::showError);
    updateButtons();
}

void UsersPage::refresh()
{
    m_model->reload();
}

int UsersPage::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_proxy->mapToSource(rows.first()).row();
}

QString UsersPage::selectedUser() const
{
    return m_model->user(selectedRow()).name;
}

void UsersPage::selectUser(const QString& name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
}

void UsersPage::updateButtons()
{
    const bool canEdit = supports(RegistrySource::Feature::Users);
    const int row = selectedRow();
    const UserRecord user = m_model->user(row);
    m_add->setEnabled(canEdit);
    m_active->setEnabled(canEdit && row >= 0);
    m_admin->setEnabled(canEdit && row >= 0);
    m_quota->setEnabled(canEdit && row >= 0);
    m_active->setText(row >= 0 && !user.active ? tr("&Enable") : tr("&Disable"));
    m_admin->setText(row >= 0 && user.admin ? tr("Revoke A&dministrator") : tr("Make A&dministrator"));
    if (!canEdit) {
        for (QPushButton* button : { m_add, m_active, m_admin, m_quota })
            button->setToolTip(source()->unsupportedReason(RegistrySource::Feature::Users));
    }
}

void UsersPage::addUser()
{
    auto* dialog
        = new AddUserDialog([this](const QString& name, bool admin, const QString& fullName, const QString& email,
                                   auto done) { m_model->addUser(name, admin, fullName, email, done); },
                            this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { message()->showMessage(tr("User added."), InlineMessage::Kind::Success); });
    dialog->open();
}

void UsersPage::toggleActive()
{
    const UserRecord user = m_model->user(selectedRow());
    if (user.name.isEmpty())
        return;
    m_model->setActive(user.name, !user.active, [this, user](const QString& error) {
        if (error.isEmpty())
            message()->showMessage(user.active ? tr("%1 is disabled: their tokens are refused.").arg(user.name)
                                               : tr("%1 is enabled again.").arg(user.name),
                                   InlineMessage::Kind::Success);
    });
}

void UsersPage::toggleAdmin()
{
    const UserRecord user = m_model->user(selectedRow());
    if (user.name.isEmpty())
        return;
    m_model->setAdmin(user.name, !user.admin);
}

void UsersPage::editQuota()
{
    const UserRecord user = m_model->user(selectedRow());
    if (user.name.isEmpty())
        return;
    auto* dialog = new QuotaDialog(
        tr("Quota of %1").arg(user.name),
        tr("The most storage the images %1 pushes may take together, each image counted once. Pushes that "
           "would go over it are refused.")
            .arg(user.name),
        user.quotaBytes,
        [this, name = user.name](std::optional<qint64> bytes, auto done) { m_model->setQuota(name, bytes, done); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace sreg
