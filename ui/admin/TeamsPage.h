#pragma once

#include "AdminPage.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace sreg {

class TeamMembersModel;
class TeamsModel;

// Teams and their members: create and delete teams, add users as members or owners, change roles, remove.
class TeamsPage final : public AdminPage
{
    Q_OBJECT

public:
    TeamsPage(RegistrySource* source, QWidget* parent = nullptr);

    TeamsModel* model() const { return m_teams; }
    TeamMembersModel* membersModel() const { return m_members; }
    QTableView* teamsView() const { return m_teamsView; }
    QTableView* membersView() const { return m_membersView; }
    QComboBox* userBox() const { return m_user; }
    QComboBox* roleBox() const { return m_role; }
    QPushButton* newButton() const { return m_new; }
    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* addMemberButton() const { return m_addMember; }
    QPushButton* memberRoleButton() const { return m_memberRole; }
    QPushButton* removeMemberButton() const { return m_removeMember; }
    QString selectedTeam() const;
    void selectTeam(const QString& name);

public Q_SLOTS:
    void refresh() override;
    void newTeam();
    void deleteSelected();
    void addMember();
    void toggleMemberRole();
    void removeMember();

private:
    void showSelectedTeam();
    void updateButtons();
    int selectedMember() const;

    TeamsModel* m_teams;
    TeamMembersModel* m_members;
    QTableView* m_teamsView;
    QTableView* m_membersView;
    QLabel* m_membersTitle;
    QComboBox* m_user;
    QComboBox* m_role;
    QPushButton* m_new;
    QPushButton* m_delete;
    QPushButton* m_addMember;
    QPushButton* m_memberRole;
    QPushButton* m_removeMember;
};

} // namespace sreg
