#pragma once

#include <QMessageBox>
#include <QString>

namespace sreg {

// Every message box of the browse/transfer UI goes through here, so that GUI tests can script the answer
// (setNextAnswer) and read what was shown (lastText) instead of blocking on a modal dialog, as KeePassXC's
// MessageBox does.
class MessageBox final
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget* parent, const QString& title, const QString& text, Buttons buttons,
                           Button defaultButton, const QString& details = {});
    static void warning(QWidget* parent, const QString& title, const QString& text, const QString& details = {});
    static void information(QWidget* parent, const QString& title, const QString& text);

    // The next box is not shown; it answers this at once. NoButton turns scripting off.
    static void setNextAnswer(Button answer);
    // Title and text of the last box (shown or scripted), for tests.
    static QString lastTitle();
    static QString lastText();
    static int shownCount();

private:
    MessageBox() = delete;
    static Button show(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text,
                       Buttons buttons, Button defaultButton, const QString& details);
};

} // namespace sreg
