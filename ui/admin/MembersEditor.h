#pragma once

#include <QWidget>

class QComboBox;
class QPushButton;
class QTableView;

namespace sreg {

class InlineMessage;
class MembersModel;
class RegistrySource;

// The owners and contributors of one collection: add users or teams (an administrator may add any user
// directly, sregistry#280), change a member's role, remove a member. Changes apply at once.
class MembersEditor final : public QWidget
{
    Q_OBJECT

public:
    MembersEditor(RegistrySource* source, const QString& collection, InlineMessage* message, QWidget* parent = nullptr);

    MembersModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QComboBox* kindBox() const { return m_kind; }
    QComboBox* principalBox() const { return m_principal; }
    QComboBox* roleBox() const { return m_role; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* roleButton() const { return m_toggleRole; }
    QPushButton* removeButton() const { return m_remove; }

public Q_SLOTS:
    void addMember();
    void toggleSelectedRole();
    void removeSelected();

private:
    void loadCandidates();
    void fillPrincipals();
    void updateButtons();
    int selectedRow() const;

    RegistrySource* m_source;
    MembersModel* m_model;
    InlineMessage* m_message;
    QTableView* m_view;
    QComboBox* m_kind;
    QComboBox* m_principal;
    QComboBox* m_role;
    QPushButton* m_add;
    QPushButton* m_toggleRole;
    QPushButton* m_remove;
    QStringList m_users;
    QStringList m_teams;
};

} // namespace sreg
