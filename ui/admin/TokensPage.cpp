#include "TokensPage.h"

#include "AdminTableView.h"
#include "ConfirmDeleteDialog.h"
#include "InlineMessage.h"
#include "NewTokenDialog.h"
#include "TokenCreatedDialog.h"
#include "admin/TokensModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

TokensPage::TokensPage(RegistrySource* source, QWidget* parent)
    : AdminPage(source, parent)
    , m_model(new TokensModel(source, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_user(new QComboBox(this))
    , m_view(new AdminTableView(tr("Tokens"), this))
    , m_new(new QPushButton(tr("&New Token…"), this))
    , m_revoke(new QPushButton(tr("&Revoke…"), this))
{
    setObjectName(QStringLiteral("tokensPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TokensModel::SortRole);
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_user->setAccessibleName(tr("Tokens of user"));
    m_user->setMinimumContentsLength(16);
    m_view->setObjectName(QStringLiteral("tokensView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TokensModel::CreatedColumn, Qt::DescendingOrder);

    auto* userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    auto* bar = new QHBoxLayout;
    bar->addWidget(userLabel);
    bar->addWidget(m_user);
    bar->addWidget(m_new);
    bar->addWidget(m_revoke);
    bar->addStretch(1);
    pageLayout()->addLayout(bar);
    pageLayout()->addWidget(m_view, 1);

    // A chosen user, or a typed one once typing ends (a remote may not list users): not every keystroke.
    const auto showUser = [this] {
        m_model->setUser(m_user->currentText().trimmed());
        updateButtons();
    };
    connect(m_user, &QComboBox::currentIndexChanged, this, showUser);
    connect(m_user->lineEdit(), &QLineEdit::editingFinished, this, showUser);
    connect(m_new, &QPushButton::clicked, this, &TokensPage::newToken);
    connect(m_revoke, &QPushButton::clicked, this, &TokensPage::revokeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TokensPage::updateButtons);
    connect(m_model, &TokensModel::reloaded, this, &TokensPage::updateButtons);
    connect(m_model, &TokensModel::errorOccurred, message(), &InlineMessage::showError);
    updateButtons();
}

void TokensPage::refresh()
{
    loadUsers();
    m_model->reload();
}

void TokensPage::setUser(const QString& user)
{
    const QSignalBlocker blocker(m_user);
    const int index = m_user->findText(user);
    if (index >= 0)
        m_user->setCurrentIndex(index);
    else
        m_user->setEditText(user);
    m_model->setUser(user.trimmed());
    updateButtons();
}

void TokensPage::loadUsers()
{
    source()->users(this, [this](Result<QList<UserRecord>> users) {
        if (!users)
            return; // the field stays editable: a remote may only let us see our own tokens
        const QString current = m_user->currentText();
        QSignalBlocker blocker(m_user);
        m_user->clear();
        for (const UserRecord& user : users.value())
            m_user->addItem(user.name);
        if (!current.isEmpty())
            m_user->setCurrentText(current);
        blocker.unblock();
        if (users->isEmpty())
            message()->showMessage(tr("Tokens belong to users: add a user on the Users page first."));
        else if (current.isEmpty())
            m_user->setCurrentIndex(0);
        m_model->setUser(m_user->currentText().trimmed());
        updateButtons();
    });
}

int TokensPage::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_proxy->mapToSource(rows.first()).row();
}

void TokensPage::updateButtons()
{
    const bool canEdit = supports(RegistrySource::Feature::Tokens);
    const int row = selectedRow();
    m_new->setEnabled(canEdit && !m_model->user().isEmpty());
    m_revoke->setEnabled(canEdit && row >= 0
                         && TokensModel::stateOf(m_model->token(row), QDateTime::currentMSecsSinceEpoch())
                             != TokensModel::TokenState::Revoked);
    if (!canEdit)
        m_new->setToolTip(source()->unsupportedReason(RegistrySource::Feature::Tokens));
}

void TokensPage::newToken()
{
    const QString user = m_model->user();
    if (user.isEmpty())
        return;
    auto* dialog = new NewTokenDialog(
        user,
        [this](const QString& name, Scopes scopes, std::optional<qint64> expiresAt, auto done) {
            m_model->create(name, scopes, expiresAt, done);
        },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewTokenDialog::created, this, [this](const NewToken& token) {
        Q_EMIT tokenCreated(token);
        auto* shown = new TokenCreatedDialog(token, this);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
    });
    dialog->open();
}

void TokensPage::revokeSelected()
{
    const TokenRecord token = m_model->token(selectedRow());
    if (token.id == 0)
        return;
    auto* dialog = new ConfirmDeleteDialog(
        tr("Revoke Token"),
        tr("Revoke the token <b>%1</b> of %2? Clients using it are refused from now on; this cannot be undone.")
            .arg(token.name.toHtmlEscaped(), token.userName.toHtmlEscaped()),
        [this, id = token.id](auto done) { m_model->revoke(id, done); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActionText(tr("Revoke Token"));
    dialog->setItems({}, {});
    connect(dialog, &QDialog::accepted, this, [this, name = token.name] {
        message()->showMessage(tr("Token %1 revoked.").arg(name), InlineMessage::Kind::Success);
    });
    dialog->open();
}

} // namespace sreg
