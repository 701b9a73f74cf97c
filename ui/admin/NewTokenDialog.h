#pragma once

#include "common/Result.h"
#include "registry/AccountService.h"

#include <QDialog>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLineEdit;

namespace sreg {

class InlineMessage;

// Asks for a token's name, scopes and expiry ("never" included: an expired CI token means downtime, so the
// choice is the user's), creates it through submit and hands the new token on through created().
class NewTokenDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(const QString& name, Scopes scopes, std::optional<qint64> expiresAt,
                                      std::function<void(Result<NewToken>)> done)>;

    NewTokenDialog(const QString& user, Submit submit, QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return m_name; }
    QCheckBox* scopeBox(Scope scope) const;
    QComboBox* expiryBox() const { return m_expiry; }
    QDateEdit* expiryDateEdit() const { return m_date; }

    Scopes scopes() const;
    // Unix ms of the chosen expiry, nullopt for "never". Relative choices count from nowMs.
    std::optional<qint64> expiresAt(qint64 nowMs) const;

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void created(const sreg::NewToken& token);

private:
    void updateButtons();

    Submit m_submit;
    QLineEdit* m_name;
    QCheckBox* m_read;
    QCheckBox* m_push;
    QCheckBox* m_admin;
    QComboBox* m_expiry;
    QDateEdit* m_date;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace sreg
