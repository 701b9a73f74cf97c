#include "ConfirmDeleteDialog.h"

#include "AdminColors.h"
#include "AdminIcons.h"
#include "InlineMessage.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace sreg {

ConfirmDeleteDialog::ConfirmDeleteDialog(const QString& title, const QString& question, Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_question(new QLabel(question, this))
    , m_items(new QListWidget(this))
    , m_summary(new QLabel(tr("Counting what would be deleted…"), this))
    , m_confirmationLabel(new QLabel(this))
    , m_confirmation(new QLineEdit(this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_delete(m_buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole))
{
    setObjectName(QStringLiteral("confirmDeleteDialog"));
    setWindowTitle(title);
    m_question->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_items->setAccessibleName(tr("What will be deleted"));
    m_items->setSelectionMode(QAbstractItemView::NoSelection);
    m_items->hide();
    m_delete->setIcon(AdminIcons::icon(QStringLiteral("delete"), QStyle::SP_TrashIcon, this));
    m_delete->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    QPalette destructive = m_delete->palette();
    destructive.setColor(QPalette::ButtonText, AdminColors::critical(palette()));
    m_delete->setPalette(destructive);
    m_confirmation->setAccessibleName(tr("Type the name to confirm"));
    m_confirmationLabel->hide();
    m_confirmation->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_question);
    layout->addWidget(m_items, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_confirmationLabel);
    layout->addWidget(m_confirmation);
    layout->addWidget(m_buttons);
    setMinimumWidth(480);

    connect(m_delete, &QPushButton::clicked, this, &ConfirmDeleteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConfirmDeleteDialog::reject);
    connect(m_confirmation, &QLineEdit::textChanged, this, &ConfirmDeleteDialog::updateButtons);
    updateButtons();
}

void ConfirmDeleteDialog::setActionText(const QString& text)
{
    m_delete->setText(text);
}

void ConfirmDeleteDialog::setItems(const QStringList& items, const QString& summary)
{
    m_items->clear();
    m_items->addItems(items);
    m_items->setVisible(!items.isEmpty());
    m_summary->setText(summary);
    m_summary->setVisible(!summary.isEmpty());
}

void ConfirmDeleteDialog::setItemsUnavailable(const QString& reason)
{
    m_items->hide();
    m_summary->setText(reason);
}

void ConfirmDeleteDialog::setConfirmationText(const QString& text)
{
    m_confirmationText = text;
    m_confirmationLabel->setText(tr("Type <b>%1</b> to confirm:").arg(text.toHtmlEscaped()));
    m_confirmationLabel->setVisible(!text.isEmpty());
    m_confirmation->setVisible(!text.isEmpty());
    updateButtons();
}

QString ConfirmDeleteDialog::summary() const
{
    return m_summary->text();
}

void ConfirmDeleteDialog::accept()
{
    if (m_busy || !m_delete->isEnabled())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    QPointer<ConfirmDeleteDialog> self(this);
    m_submit([self](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateButtons();
        if (!error.isEmpty())
            return self->m_message->showError(error);
        self->QDialog::accept();
    });
}

void ConfirmDeleteDialog::updateButtons()
{
    const bool confirmed = m_confirmationText.isEmpty() || m_confirmation->text() == m_confirmationText;
    m_delete->setEnabled(!m_busy && confirmed);
}

} // namespace sreg
