#pragma once

#include <QDialog>
#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace sreg {

class InlineMessage;

// Confirms an irreversible removal by naming what goes: the items (containers and their images, a team's
// members...) and the bytes. With a confirmation text set, the user types it (the collection's name) before
// the destructive button enables. The removal itself runs through submit; a refusal shows in the dialog.
class ConfirmDeleteDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(std::function<void(const QString& error)> done)>;

    ConfirmDeleteDialog(const QString& title, const QString& question, Submit submit, QWidget* parent = nullptr);

    void setActionText(const QString& text); // the destructive button, e.g. "Delete Collection"
    // Filled in later when they have to be looked up; until then the dialog says it is counting.
    void setItems(const QStringList& items, const QString& summary);
    void setItemsUnavailable(const QString& reason);
    void setConfirmationText(const QString& text);

    QListWidget* itemList() const { return m_items; }
    QLineEdit* confirmationEdit() const { return m_confirmation; }
    QPushButton* deleteButton() const { return m_delete; }
    QString summary() const;

public Q_SLOTS:
    void accept() override;

private:
    void updateButtons();

    Submit m_submit;
    QLabel* m_question;
    QListWidget* m_items;
    QLabel* m_summary;
    QLabel* m_confirmationLabel;
    QLineEdit* m_confirmation;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_delete;
    QString m_confirmationText;
    bool m_busy = false;
};

} // namespace sreg
