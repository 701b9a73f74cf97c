#include "MessageBox.h"

namespace sreg {

namespace {

struct State
{
    QMessageBox::StandardButton nextAnswer = QMessageBox::NoButton;
    QString lastTitle;
    QString lastText;
    int shown = 0;
};

State& state()
{
    static State s;
    return s;
}

} // namespace

MessageBox::Button MessageBox::question(QWidget* parent, const QString& title, const QString& text, Buttons buttons,
                                        Button defaultButton, const QString& details)
{
    return show(QMessageBox::Question, parent, title, text, buttons, defaultButton, details);
}

void MessageBox::warning(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    show(QMessageBox::Warning, parent, title, text, QMessageBox::Ok, QMessageBox::Ok, details);
}

void MessageBox::information(QWidget* parent, const QString& title, const QString& text)
{
    show(QMessageBox::Information, parent, title, text, QMessageBox::Ok, QMessageBox::Ok, {});
}

void MessageBox::setNextAnswer(Button answer)
{
    state().nextAnswer = answer;
}

QString MessageBox::lastTitle()
{
    return state().lastTitle;
}

QString MessageBox::lastText()
{
    return state().lastText;
}

int MessageBox::shownCount()
{
    return state().shown;
}

MessageBox::Button MessageBox::show(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text,
                                    Buttons buttons, Button defaultButton, const QString& details)
{
    State& s = state();
    s.lastTitle = title;
    s.lastText = details.isEmpty() ? text : text + u'\n' + details;
    ++s.shown;
    if (s.nextAnswer != QMessageBox::NoButton) {
        const Button answer = s.nextAnswer;
        s.nextAnswer = QMessageBox::NoButton;
        return answer;
    }
    QMessageBox box(icon, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    if (!details.isEmpty())
        box.setDetailedText(details);
    return Button(box.exec());
}

} // namespace sreg
