#include "QuotaDialog.h"

#include "InlineMessage.h"
#include "QuotaEdit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sreg {

QuotaDialog::QuotaDialog(const QString& title, const QString& explanation, std::optional<qint64> current, Submit submit,
                         QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_quota(new QuotaEdit(this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("quotaDialog"));
    setWindowTitle(title);
    m_quota->setValue(current);
    auto* label = new QLabel(explanation, this);
    label->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(label);
    layout->addWidget(m_quota);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QuotaDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QuotaDialog::reject);
}

void QuotaDialog::accept()
{
    if (m_busy)
        return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    QPointer<QuotaDialog> self(this);
    m_submit(m_quota->value(), [self](const QString& error) {
        if (!self)
            return;
        self->m_busy = false;
        self->m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (!error.isEmpty())
            return self->m_message->showError(error);
        self->QDialog::accept();
    });
}

} // namespace sreg
