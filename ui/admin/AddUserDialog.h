#pragma once

#include <QDialog>
#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace sreg {

class InlineMessage;
class NameEdit;

// Adds a registry user: a name under the naming rule (it becomes a library entity), full name, email, role.
class AddUserDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(const QString& name, bool admin, const QString& fullName, const QString& email,
                                      std::function<void(const QString& error)> done)>;

    AddUserDialog(Submit submit, QWidget* parent = nullptr);

    NameEdit* nameEdit() const { return m_name; }
    QLineEdit* fullNameEdit() const { return m_fullName; }
    QLineEdit* emailEdit() const { return m_email; }
    QCheckBox* adminBox() const { return m_admin; }

public Q_SLOTS:
    void accept() override;

private:
    void updateButtons();

    Submit m_submit;
    NameEdit* m_name;
    QLineEdit* m_fullName;
    QLineEdit* m_email;
    QCheckBox* m_admin;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace sreg
