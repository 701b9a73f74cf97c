#pragma once

#include <QDialog>
#include <functional>

class QDialogButtonBox;
class QLineEdit;

namespace sreg {

class InlineMessage;
class NameEdit;

// Creates a team: a name under the naming rule and a description.
class NewTeamDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(const QString& name, const QString& description,
                                      std::function<void(const QString& error)> done)>;

    NewTeamDialog(Submit submit, QWidget* parent = nullptr);

    NameEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }

public Q_SLOTS:
    void accept() override;

private:
    void updateButtons();

    Submit m_submit;
    NameEdit* m_name;
    QLineEdit* m_description;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace sreg
