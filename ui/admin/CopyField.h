#pragma once

#include <QWidget>

class QPlainTextEdit;
class QLineEdit;
class QToolButton;

namespace sreg {

// Read-only text (a token secret, a command, a JSON snippet) with a button that copies it to the clipboard.
class CopyField final : public QWidget
{
    Q_OBJECT

public:
    // multiLine: a small monospace text box instead of a line edit. what names the text for the button's
    // accessible name and tooltip ("Copy the token").
    CopyField(const QString& what, bool multiLine, QWidget* parent = nullptr);

    QString text() const;
    QToolButton* copyButton() const { return m_copy; }

public Q_SLOTS:
    void setText(const QString& text);
    void copy();

Q_SIGNALS:
    void copied();

private:
    QLineEdit* m_line = nullptr;
    QPlainTextEdit* m_block = nullptr;
    QToolButton* m_copy;
};

} // namespace sreg
