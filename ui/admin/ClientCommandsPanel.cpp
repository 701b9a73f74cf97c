#include "ClientCommandsPanel.h"

#include "CopyField.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sreg {

ClientCommandsPanel::ClientCommandsPanel(QWidget* parent)
    : QWidget(parent)
    , m_remoteName(new QLineEdit(QStringLiteral("desktop"), this))
    , m_user(new QComboBox(this))
    , m_note(new QLabel(this))
    , m_remoteAdd(new CopyField(tr("the remote add command"), false, this))
    , m_remoteLogin(new CopyField(tr("the remote login command"), false, this))
    , m_pull(new CopyField(tr("the pull command"), false, this))
    , m_push(new CopyField(tr("the push command"), false, this))
    , m_sregistry(new CopyField(tr("the ~/.sregistry file"), true, this))
    , m_commands(new QWidget(this))
{
    m_remoteName->setAccessibleName(tr("Remote name"));
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_user->setAccessibleName(tr("User the commands are for"));
    m_note->setWordWrap(true);

    auto* form = new QFormLayout(m_commands);
    form->setContentsMargins(0, 0, 0, 0);
    auto* who = new QHBoxLayout;
    who->addWidget(m_remoteName, 1);
    who->addWidget(new QLabel(tr("for user"), this));
    who->addWidget(m_user, 1);
    auto* nameLabel = new QLabel(tr("Remote &name:"), this);
    nameLabel->setBuddy(m_remoteName); // a row holding a layout gets no buddy by itself
    form->addRow(nameLabel, who);
    form->addRow(tr("Add the remote:"), m_remoteAdd);
    form->addRow(tr("Log in:"), m_remoteLogin);
    form->addRow(tr("Pull:"), m_pull);
    form->addRow(tr("Push:"), m_push);
    form->addRow(tr("~/.sregistry:"), m_sregistry);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_commands);

    connect(m_remoteName, &QLineEdit::textChanged, this, &ClientCommandsPanel::update);
    connect(m_user, &QComboBox::currentTextChanged, this, &ClientCommandsPanel::update);
    update();
}

void ClientCommandsPanel::setServer(const QString& url, bool tls, bool selfSigned)
{
    m_target.url = url;
    m_target.tls = tls;
    m_target.selfSigned = selfSigned;
    update();
}

void ClientCommandsPanel::setUsers(const QStringList& users)
{
    const QString current = m_user->currentText();
    m_user->clear();
    m_user->addItems(users);
    if (!current.isEmpty())
        m_user->setCurrentText(current);
}

void ClientCommandsPanel::update()
{
    const bool serving = !m_target.url.isEmpty();
    m_commands->setVisible(serving);
    m_target.remoteName
        = m_remoteName->text().trimmed().isEmpty() ? QStringLiteral("desktop") : m_remoteName->text().trimmed();
    m_target.user = m_user->currentText().trimmed();
    if (!serving) {
        m_note->setText(tr("Start serving to get the commands for client machines."));
        return;
    }
    QString note = tr("Replace COLLECTION/CONTAINER:TAG with an image; a token comes from the Tokens page.");
    if (!m_target.tls)
        note += u' ' + tr("Plain HTTP: apptainer needs --insecure for this remote.");
    else if (m_target.selfSigned)
        note += u' '
            + tr("The certificate is self-signed: clients either install it and drop --insecure, or use --insecure "
                 "(and SREGISTRY_HTTPS_NOVERIFY=true for sregistry), after checking the fingerprint.");
    m_note->setText(note);
    m_remoteAdd->setText(ClientCommands::remoteAdd(m_target));
    m_remoteLogin->setText(ClientCommands::remoteLogin(m_target));
    m_pull->setText(ClientCommands::pull(m_target));
    m_push->setText(ClientCommands::push(m_target));
    m_sregistry->setText(ClientCommands::sregistrySecrets(m_target));
}

} // namespace sreg
