#include "AddUserDialog.h"

#include "InlineMessage.h"
#include "NameEdit.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sreg {

AddUserDialog::AddUserDialog(Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_name(new NameEdit(this))
    , m_fullName(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_admin(new QCheckBox(tr("Administrator: may do anything in this registry"), this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("addUserDialog"));
    setWindowTitle(tr("Add User"));
    m_name->lineEdit()->setAccessibleName(tr("User name"));
    m_name->lineEdit()->setPlaceholderText(tr("e.g. alice"));
    m_fullName->setAccessibleName(tr("Full name"));
    m_email->setAccessibleName(tr("Email"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add User"));
    auto* form = new QFormLayout;
    form->addRow(tr("&User name:"), m_name);
    form->addRow(tr("&Full name:"), m_fullName);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(QString(), m_admin);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_name, &NameEdit::validityChanged, this, &AddUserDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddUserDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddUserDialog::reject);
    updateButtons();
}

void AddUserDialog::accept()
{
    if (m_busy || !m_name->isValid())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    QPointer<AddUserDialog> self(this);
    m_submit(m_name->text(), m_admin->isChecked(), m_fullName->text().trimmed(), m_email->text().trimmed(),
             [self](const QString& error) {
                 if (!self)
                     return;
                 self->m_busy = false;
                 self->updateButtons();
                 if (!error.isEmpty())
                     return self->m_message->showError(error);
                 self->QDialog::accept();
             });
}

void AddUserDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && m_name->isValid());
}

} // namespace sreg
