#pragma once

#include "AdminPage.h"
#include "registry/AccountService.h"

class QComboBox;
class QPushButton;
class QSortFilterProxyModel;

namespace sreg {

class AdminTableView;
class TokensModel;

// A user's tokens: create (the secret shown once), see scopes, expiry, last use and state, revoke.
class TokensPage final : public AdminPage
{
    Q_OBJECT

public:
    TokensPage(RegistrySource* source, QWidget* parent = nullptr);

    TokensModel* model() const { return m_model; }
    AdminTableView* view() const { return m_view; }
    QComboBox* userBox() const { return m_user; }
    QPushButton* newButton() const { return m_new; }
    QPushButton* revokeButton() const { return m_revoke; }
    void setUser(const QString& user);

public Q_SLOTS:
    void refresh() override;
    void newToken();
    void revokeSelected();

Q_SIGNALS:
    void tokenCreated(const sreg::NewToken& token);

private:
    void loadUsers();
    void updateButtons();
    int selectedRow() const;

    TokensModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_user;
    AdminTableView* m_view;
    QPushButton* m_new;
    QPushButton* m_revoke;
};

} // namespace sreg
