#pragma once

#include <QDialog>
#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace sreg {

class InlineMessage;
class NameEdit;

// Asks for a new collection's name (checked live), description and privacy, then creates it through submit.
// A refusal (the name is taken, no permission) is shown in the dialog, which stays open to fix it.
class NewCollectionDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(const QString& name, const QString& description, bool isPrivate,
                                      std::function<void(const QString& error)> done)>;

    NewCollectionDialog(Submit submit, QWidget* parent = nullptr);

    NameEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QCheckBox* privateBox() const { return m_private; }
    QString createdName() const { return m_createdName; }

public Q_SLOTS:
    void accept() override; // submits; closes once the collection exists

private:
    void updateButtons();

    Submit m_submit;
    NameEdit* m_name;
    QLineEdit* m_description;
    QCheckBox* m_private;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
    QString m_createdName;
};

} // namespace sreg
