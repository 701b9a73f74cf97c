#include "TeamsPage.h"

#include "AdminIcons.h"
#include "AdminTableView.h"
#include "ConfirmDeleteDialog.h"
#include "InlineMessage.h"
#include "NewTeamDialog.h"
#include "admin/TeamMembersModel.h"
#include "admin/TeamsModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

namespace {

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new AdminTableView(name, parent);
    view->setModel(model);
    return view;
}

} // namespace

TeamsPage::TeamsPage(RegistrySource* source, QWidget* parent)
    : AdminPage(source, parent)
    , m_teams(new TeamsModel(source, this))
    , m_members(new TeamMembersModel(this))
    , m_teamsView(makeTable(m_teams, tr("Teams"), this))
    , m_membersView(makeTable(m_members, tr("Team members"), this))
    , m_membersTitle(new QLabel(this))
    , m_user(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_new(new QPushButton(tr("&New Team…"), this))
    , m_delete(new QPushButton(AdminIcons::icon(QStringLiteral("delete"), QStyle::SP_TrashIcon, this),
                               tr("&Delete Team…"), this))
    , m_addMember(new QPushButton(tr("&Add"), this))
    , m_memberRole(new QPushButton(tr("Make &Owner"), this))
    , m_removeMember(new QPushButton(tr("&Remove"), this))
{
    setObjectName(QStringLiteral("teamsPage"));
    m_teamsView->setObjectName(QStringLiteral("teamsView"));
    m_membersView->setObjectName(QStringLiteral("teamMembersView"));
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_user->setAccessibleName(tr("User to add"));
    m_user->lineEdit()->setPlaceholderText(tr("user name"));
    m_role->addItem(tr("Member"), QStringLiteral("member"));
    m_role->addItem(tr("Owner"), QStringLiteral("owner"));
    m_role->setAccessibleName(tr("Role"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* teamBar = new QHBoxLayout;
    teamBar->addWidget(m_new);
    teamBar->addWidget(m_delete);
    teamBar->addStretch(1);
    leftLayout->addLayout(teamBar);
    leftLayout->addWidget(m_teamsView, 1);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_membersTitle);
    rightLayout->addWidget(m_membersView, 1);
    auto* memberBar = new QHBoxLayout;
    memberBar->addStretch(1);
    memberBar->addWidget(m_memberRole);
    memberBar->addWidget(m_removeMember);
    rightLayout->addLayout(memberBar);
    auto* addBar = new QHBoxLayout;
    addBar->addWidget(m_user, 1);
    addBar->addWidget(m_role);
    addBar->addWidget(m_addMember);
    rightLayout->addLayout(addBar);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    pageLayout()->addWidget(splitter, 1);

    connect(m_new, &QPushButton::clicked, this, &TeamsPage::newTeam);
    connect(m_delete, &QPushButton::clicked, this, &TeamsPage::deleteSelected);
    connect(m_addMember, &QPushButton::clicked, this, &TeamsPage::addMember);
    connect(m_memberRole, &QPushButton::clicked, this, &TeamsPage::toggleMemberRole);
    connect(m_removeMember, &QPushButton::clicked, this, &TeamsPage::removeMember);
    connect(m_user, &QComboBox::currentTextChanged, this, &TeamsPage::updateButtons);
    connect(m_teamsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TeamsPage::showSelectedTeam);
    connect(m_membersView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TeamsPage::updateButtons);
    connect(m_teams, &TeamsModel::reloaded, this, &TeamsPage::showSelectedTeam);
    connect(m_teams, &TeamsModel::errorOccurred, message(), &InlineMessage::showError);
    showSelectedTeam();
}

void TeamsPage::refresh()
{
    m_teams->reload();
    // Suggestions for "add member"; the field stays editable for sources that do not list users.
    source()->users(this, [this](Result<QList<UserRecord>> users) {
        if (!users)
            return;
        const QString typed = m_user->currentText();
        m_user->clear();
        for (const UserRecord& user : users.value())
            m_user->addItem(user.name);
        m_user->setCurrentText(typed);
    });
}

QString TeamsPage::selectedTeam() const
{
    const QModelIndexList rows = m_teamsView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(TeamsModel::NameRole).toString();
}

void TeamsPage::selectTeam(const QString& name)
{
    const int row = m_teams->rowOf(name);
    if (row >= 0)
        m_teamsView->selectRow(row);
}

int TeamsPage::selectedMember() const
{
    const QModelIndexList rows = m_membersView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TeamsPage::showSelectedTeam()
{
    const QString name = selectedTeam();
    if (name.isEmpty()) {
        m_members->clear();
        m_membersTitle->setText(tr("Select a team to see its members."));
    } else {
        m_members->setTeam(m_teams->team(m_teams->rowOf(name)));
        m_membersTitle->setText(tr("Members of <b>%1</b>:").arg(name.toHtmlEscaped()));
    }
    updateButtons();
}

void TeamsPage::updateButtons()
{
    const bool canEdit = supports(RegistrySource::Feature::Teams);
    const bool team = !selectedTeam().isEmpty();
    const int member = selectedMember();
    m_new->setEnabled(canEdit);
    m_delete->setEnabled(canEdit && team);
    m_addMember->setEnabled(canEdit && team && !m_user->currentText().trimmed().isEmpty());
    m_memberRole->setEnabled(canEdit && member >= 0);
    m_removeMember->setEnabled(canEdit && member >= 0);
    m_memberRole->setText(member >= 0 && m_members->member(member).owner ? tr("Make &Member") : tr("Make &Owner"));
    if (!canEdit)
        m_new->setToolTip(source()->unsupportedReason(RegistrySource::Feature::Teams));
}

void TeamsPage::newTeam()
{
    auto* dialog = new NewTeamDialog([this](const QString& name, const QString& description,
                                            auto done) { m_teams->createTeam(name, description, done); },
                                     this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { message()->showMessage(tr("Team created."), InlineMessage::Kind::Success); });
    dialog->open();
}

void TeamsPage::deleteSelected()
{
    const QString name = selectedTeam();
    if (name.isEmpty())
        return;
    const TeamRecord team = m_teams->team(m_teams->rowOf(name));
    auto* dialog = new ConfirmDeleteDialog(
        tr("Delete Team"),
        tr("Delete the team <b>%1</b>? Its members lose the access the team gave them.").arg(name.toHtmlEscaped()),
        [this, name](auto done) { m_teams->removeTeam(name, done); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActionText(tr("Delete Team"));
    QStringList members;
    for (const TeamMemberRecord& member : team.members)
        members << (member.owner ? tr("%1 (owner)").arg(member.userName) : member.userName);
    dialog->setItems(members, tr("%n member(s).", nullptr, int(members.size())));
    dialog->open();
}

void TeamsPage::addMember()
{
    const QString team = selectedTeam();
    const QString user = m_user->currentText().trimmed();
    if (team.isEmpty() || user.isEmpty())
        return;
    m_teams->setMember(team, user, m_role->currentData().toString(), [this](const QString& error) {
        if (error.isEmpty())
            m_user->setCurrentText(QString());
    });
}

void TeamsPage::toggleMemberRole()
{
    const TeamMemberRecord member = m_members->member(selectedMember());
    if (member.userName.isEmpty())
        return;
    m_teams->setMember(m_members->team(), member.userName,
                       member.owner ? QStringLiteral("member") : QStringLiteral("owner"));
}

void TeamsPage::removeMember()
{
    const TeamMemberRecord member = m_members->member(selectedMember());
    if (member.userName.isEmpty())
        return;
    m_teams->setMember(m_members->team(), member.userName, QString());
}

} // namespace sreg
