#include "NewCollectionDialog.h"

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

NewCollectionDialog::NewCollectionDialog(Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_name(new NameEdit(this))
    , m_description(new QLineEdit(this))
    , m_private(new QCheckBox(tr("Private: only owners, contributors and administrators see and pull it"), this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newCollectionDialog"));
    setWindowTitle(tr("New Collection"));
    m_name->lineEdit()->setPlaceholderText(tr("e.g. lab-tools"));
    m_name->lineEdit()->setAccessibleName(tr("Collection name"));
    m_description->setAccessibleName(tr("Description"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(QString(), m_private);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_name, &NameEdit::validityChanged, this, &NewCollectionDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewCollectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewCollectionDialog::reject);
    updateButtons();
}

void NewCollectionDialog::accept()
{
    if (m_busy || !m_name->isValid())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    const QString name = m_name->text();
    QPointer<NewCollectionDialog> self(this);
    m_submit(name, m_description->text().trimmed(), m_private->isChecked(), [self, name](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateButtons();
        if (!error.isEmpty())
            return self->m_message->showError(error);
        self->m_createdName = name;
        self->QDialog::accept();
    });
}

void NewCollectionDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && m_name->isValid());
    m_name->setEnabled(!m_busy);
}

} // namespace sreg
