#pragma once

#include <QDialog>
#include <functional>
#include <optional>

class QDialogButtonBox;

namespace sreg {

class InlineMessage;
class QuotaEdit;

// Sets or removes a storage quota (a user's: the images they pushed, each counted once).
class QuotaDialog final : public QDialog
{
    Q_OBJECT

public:
    using Submit = std::function<void(std::optional<qint64> bytes, std::function<void(const QString& error)> done)>;

    QuotaDialog(const QString& title, const QString& explanation, std::optional<qint64> current, Submit submit,
                QWidget* parent = nullptr);

    QuotaEdit* quotaEdit() const { return m_quota; }

public Q_SLOTS:
    void accept() override;

private:
    Submit m_submit;
    QuotaEdit* m_quota;
    InlineMessage* m_message;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

} // namespace sreg
