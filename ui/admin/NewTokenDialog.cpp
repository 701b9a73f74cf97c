#include "NewTokenDialog.h"

#include "InlineMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sreg {

namespace {
constexpr int Never = 0;
constexpr int CustomDate = -1;
constexpr qint64 DayMs = qint64(24) * 3600 * 1000;
} // namespace

NewTokenDialog::NewTokenDialog(const QString& user, Submit submit, QWidget* parent)
    : QDialog(parent)
    , m_submit(std::move(submit))
    , m_name(new QLineEdit(this))
    , m_read(new QCheckBox(tr("Read: see and pull"), this))
    , m_push(new QCheckBox(tr("Push: also push, tag and delete images, create collections"), this))
    , m_admin(
          new QCheckBox(tr("Admin: also everything %1's role allows (settings, members, users, GC)").arg(user), this))
    , m_expiry(new QComboBox(this))
    , m_date(new QDateEdit(this))
    , m_message(new InlineMessage(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newTokenDialog"));
    setWindowTitle(tr("New Token for %1").arg(user));
    m_name->setPlaceholderText(tr("e.g. laptop, ci-pipeline"));
    m_name->setAccessibleName(tr("Token name"));
    m_name->setMaxLength(100);
    m_read->setChecked(true);
    m_push->setChecked(true);
    m_expiry->setAccessibleName(tr("Expiry"));
    m_expiry->addItem(tr("In 7 days"), 7);
    m_expiry->addItem(tr("In 30 days"), 30);
    m_expiry->addItem(tr("In 90 days"), 90);
    m_expiry->addItem(tr("In 1 year"), 365);
    m_expiry->addItem(tr("Never"), Never);
    m_expiry->addItem(tr("On a date…"), CustomDate);
    m_expiry->setCurrentIndex(2);
    m_date->setCalendarPopup(true);
    m_date->setMinimumDate(QDate::currentDate().addDays(1));
    m_date->setDate(QDate::currentDate().addMonths(6));
    m_date->setAccessibleName(tr("Expiry date"));
    m_date->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Token"));

    auto* scopes = new QVBoxLayout;
    scopes->addWidget(m_read);
    scopes->addWidget(m_push);
    scopes->addWidget(m_admin);
    auto* expiry = new QHBoxLayout;
    expiry->addWidget(m_expiry);
    expiry->addWidget(m_date);
    expiry->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Scopes:"), scopes);
    auto* expiryLabel = new QLabel(tr("&Expires:"), this);
    expiryLabel->setBuddy(m_expiry); // a row holding a layout gets no buddy by itself
    form->addRow(expiryLabel, expiry);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &NewTokenDialog::updateButtons);
    for (QCheckBox* box : { m_read, m_push, m_admin })
        connect(box, &QCheckBox::toggled, this, &NewTokenDialog::updateButtons);
    connect(m_expiry, &QComboBox::currentIndexChanged, this,
            [this] { m_date->setEnabled(m_expiry->currentData().toInt() == CustomDate); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewTokenDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewTokenDialog::reject);
    updateButtons();
}

QCheckBox* NewTokenDialog::scopeBox(Scope scope) const
{
    switch (scope) {
    case Scope::Read:
        return m_read;
    case Scope::Push:
        return m_push;
    case Scope::Admin:
        return m_admin;
    }
    return nullptr;
}

Scopes NewTokenDialog::scopes() const
{
    Scopes scopes;
    if (m_read->isChecked())
        scopes |= Scope::Read;
    if (m_push->isChecked())
        scopes |= Scope::Push;
    if (m_admin->isChecked())
        scopes |= Scope::Admin;
    return scopes;
}

std::optional<qint64> NewTokenDialog::expiresAt(qint64 nowMs) const
{
    const int choice = m_expiry->currentData().toInt();
    if (choice == Never)
        return std::nullopt;
    if (choice == CustomDate)
        return QDateTime(m_date->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch(); // to the end of that day
    return nowMs + choice * DayMs;
}

void NewTokenDialog::accept()
{
    if (m_busy || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    m_busy = true;
    m_message->clear();
    updateButtons();
    QPointer<NewTokenDialog> self(this);
    m_submit(m_name->text().trimmed(), scopes(), expiresAt(QDateTime::currentMSecsSinceEpoch()),
             [self](Result<NewToken> token) {
                 if (!self)
                     return;
                 self->m_busy = false;
                 self->updateButtons();
                 if (!token)
                     return self->m_message->showError(token.error().message());
                 Q_EMIT self->created(token.value());
                 self->QDialog::accept();
             });
}

void NewTokenDialog::updateButtons()
{
    const bool ready = !m_name->text().trimmed().isEmpty() && scopes() != Scopes();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && ready);
}

} // namespace sreg
