#pragma once

#include "AdminPage.h"

class QPushButton;
class QSortFilterProxyModel;

namespace sreg {

class AdminTableView;
class UsersModel;

// The registry's users: add, disable or enable, make administrator or revoke, set a quota.
class UsersPage final : public AdminPage
{
    Q_OBJECT

public:
    UsersPage(RegistrySource* source, QWidget* parent = nullptr);

    UsersModel* model() const { return m_model; }
    AdminTableView* view() const { return m_view; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* activeButton() const { return m_active; }
    QPushButton* adminButton() const { return m_admin; }
    QPushButton* quotaButton() const { return m_quota; }
    QString selectedUser() const;
    void selectUser(const QString& name);

public Q_SLOTS:
    void refresh() override;
    void addUser();
    void toggleActive();
    void toggleAdmin();
    void editQuota();

private:
    void updateButtons();
    int selectedRow() const;

    UsersModel* m_model;
    QSortFilterProxyModel* m_proxy;
    AdminTableView* m_view;
    QPushButton* m_add;
    QPushButton* m_active;
    QPushButton* m_admin;
    QPushButton* m_quota;
};

} // namespace sreg
