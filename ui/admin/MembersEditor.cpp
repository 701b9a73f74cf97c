#include "MembersEditor.h"

#include "AdminTableView.h"
#include "InlineMessage.h"
#include "admin/MembersModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

MembersEditor::MembersEditor(RegistrySource* source, const QString& collection, InlineMessage* message, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new MembersModel(source, this))
    , m_message(message)
    , m_view(new AdminTableView(tr("Members"), this))
    , m_kind(new QComboBox(this))
    , m_principal(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_toggleRole(new QPushButton(tr("Make &Owner"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    m_view->setObjectName(QStringLiteral("membersView"));
    m_view->setModel(m_model);
    m_kind->addItem(tr("User"), false);
    m_kind->addItem(tr("Team"), true);
    m_kind->setAccessibleName(tr("Member kind"));
    m_principal->setEditable(true);
    m_principal->setInsertPolicy(QComboBox::NoInsert);
    m_principal->setAccessibleName(tr("User or team name"));
    m_principal->lineEdit()->setPlaceholderText(tr("name"));
    m_role->addItem(tr("Contributor"), QStringLiteral("contributor"));
    m_role->addItem(tr("Owner"), QStringLiteral("owner"));
    m_role->setAccessibleName(tr("Role"));

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_kind);
    addRow->addWidget(m_principal, 1);
    addRow->addWidget(m_role);
    addRow->addWidget(m_add);
    auto* selectedRow = new QHBoxLayout;
    selectedRow->addStretch(1);
    selectedRow->addWidget(m_toggleRole);
    selectedRow->addWidget(m_remove);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(selectedRow);
    layout->addLayout(addRow);

    connect(m_model, &MembersModel::errorOccurred, m_message, &InlineMessage::showError);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &MembersEditor::fillPrincipals);
    connect(m_principal, &QComboBox::currentTextChanged, this, &MembersEditor::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &MembersEditor::addMember);
    connect(m_toggleRole, &QPushButton::clicked, this, &MembersEditor::toggleSelectedRole);
    connect(m_remove, &QPushButton::clicked, this, &MembersEditor::removeSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MembersEditor::updateButtons);
    connect(m_model, &MembersModel::dataChanged, this, &MembersEditor::updateButtons);
    connect(m_model, &MembersModel::modelReset, this, &MembersEditor::updateButtons);

    m_model->setCollection(collection);
    loadCandidates();
    updateButtons();
}

void MembersEditor::loadCandidates()
{
    // Suggestions only: the field stays editable, so a source that will not list users still works.
    m_source->users(this, [this](Result<QList<UserRecord>> users) {
        if (!users)
            return;
        m_users.clear();
        for (const UserRecord& user : users.value())
            m_users.append(user.name);
        fillPrincipals();
    });
    if (m_source->supports(RegistrySource::Feature::Teams)) {
        m_source->teams(this, [this](Result<QList<TeamRecord>> teams) {
            if (!teams)
                return;
            m_teams.clear();
            for (const TeamRecord& team : teams.value())
                m_teams.append(team.name);
            fillPrincipals();
        });
    }
}

void MembersEditor::fillPrincipals()
{
    const QString typed = m_principal->currentText();
    m_principal->clear();
    m_principal->addItems(m_kind->currentData().toBool() ? m_teams : m_users);
    m_principal->setCurrentText(typed);
}

int MembersEditor::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void MembersEditor::updateButtons()
{
    const int row = selectedRow();
    m_add->setEnabled(!m_principal->currentText().trimmed().isEmpty());
    m_remove->setEnabled(row >= 0);
    m_toggleRole->setEnabled(row >= 0);
    if (row >= 0)
        m_toggleRole->setText(m_model->member(row).owner ? tr("Make &Contributor") : tr("Make &Owner"));
}

void MembersEditor::addMember()
{
    const QString name = m_principal->currentText().trimmed();
    if (name.isEmpty())
        return;
    const bool isTeam = m_kind->currentData().toBool();
    m_add->setEnabled(false);
    m_model->setMember(name, isTeam, m_role->currentData().toString(), [this, name](const QString& error) {
        updateButtons();
        if (error.isEmpty()) {
            m_principal->setCurrentText(QString());
            m_message->showMessage(tr("%1 added.").arg(name), InlineMessage::Kind::Success);
        }
    });
}

void MembersEditor::toggleSelectedRole()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const CollectionMemberRecord member = m_model->member(row);
    m_model->setMember(member.name, member.isTeam,
                       member.owner ? QStringLiteral("contributor") : QStringLiteral("owner"));
}

void MembersEditor::removeSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const CollectionMemberRecord member = m_model->member(row);
    m_model->setMember(member.name, member.isTeam, QString(), [this, member](const QString& error) {
        if (error.isEmpty())
            m_message->showMessage(tr("%1 removed.").arg(member.name), InlineMessage::Kind::Success);
    });
}

} // namespace sreg
