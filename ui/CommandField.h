#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace sreg {

// A read-only line (a pull command, a digest) with a copy button beside it: what people copy most.
class CommandField final : public QWidget
{
    Q_OBJECT

public:
    // what names the content for the copy button's accessible name and tooltip ("apptainer pull command").
    explicit CommandField(const QString& what, QWidget* parent = nullptr);
    ~CommandField() override;
    Q_DISABLE_COPY_MOVE(CommandField)

    void setText(const QString& text);
    QString text() const;

Q_SIGNALS:
    void copied(const QString& text);

private:
    QLineEdit* m_edit;
    QToolButton* m_copy;
};

} // namespace sreg
