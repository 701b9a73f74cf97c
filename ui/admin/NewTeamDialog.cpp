#include "NewTeamDialog.h"

#include "InlineMessage.h"
#include "NameEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sreg {

NewTeamDialog::NewTeamDialog(Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_name(new NameEdit(this))
    , m_description(new QLineEdit(this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newTeamDialog"));
    setWindowTitle(tr("New Team"));
    m_name->lineEdit()->setAccessibleName(tr("Team name"));
    m_description->setAccessibleName(tr("Description"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Team"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_name, &NameEdit::validityChanged, this, &NewTeamDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewTeamDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewTeamDialog::reject);
    updateButtons();
}

void NewTeamDialog::accept()
{
    if (m_busy || !m_name->isValid())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    QPointer<NewTeamDialog> self(this);
    m_submit(m_name->text(), m_description->text().trimmed(), [self](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateButtons();
        if (!error.isEmpty())
            return self->m_message->showError(error);
        self->QDialog::accept();
    });
}

void NewTeamDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && m_name->isValid());
}

} // namespace sreg
