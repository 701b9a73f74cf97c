#include "NameEdit.h"

#include "AdminColors.h"
#include "common/Names.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sreg {

namespace {

bool isAllowedCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.' || c == u'_' || c == u'-';
}

} // namespace

NameEdit::NameEdit(QWidget* parent) : QWidget(parent), m_edit(new QLineEdit(this)), m_hint(new QLabel(this))
{
    m_edit->setMaxLength(Names::MaxLength + 16); // a little slack so the hint can say it is too long
    m_hint->setWordWrap(true);
    applyHintColour();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint);
    m_hint->hide();
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString& text) {
        check();
        Q_EMIT textChanged(text);
    });
    check();
}

void NameEdit::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyHintColour();
}

void NameEdit::applyHintColour()
{
    QPalette hintPalette = palette();
    hintPalette.setColor(QPalette::WindowText, AdminColors::critical(palette()));
    m_hint->setPalette(hintPalette);
}

QString NameEdit::text() const
{
    return m_edit->text();
}

void NameEdit::setText(const QString& text)
{
    m_edit->setText(text);
}

bool NameEdit::isValid() const
{
    return m_valid;
}

QString NameEdit::problem() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

QString NameEdit::whyInvalid(const QString& name)
{
    if (Names::isValid(name))
        return {};
    if (name.isEmpty())
        return tr("Enter a name");
    if (name.size() > Names::MaxLength)
        return tr("At most %1 characters").arg(Names::MaxLength);
    QString reason;
    if (name != name.toLower()) {
        reason = tr("Use lower case only");
    } else {
        for (QChar c : name) {
            if (!isAllowedCharacter(c)) {
                reason = tr("'%1' is not allowed: use a-z, 0-9, '.', '_' and '-'").arg(c);
                break;
            }
        }
    }
    if (reason.isEmpty())
        reason = tr("'.', '_' and '-' go between letters or digits, one at a time");
    const QString suggestion = Names::suggestFrom(name);
    if (!suggestion.isEmpty() && suggestion != name)
        reason += u' ' + tr("(for example '%1')").arg(suggestion);
    return reason;
}

void NameEdit::check()
{
    const QString text = m_edit->text();
    const QString reason = whyInvalid(text);
    const bool valid = reason.isEmpty();
    // An empty field is not yet wrong: say nothing until the user types.
    m_hint->setText(reason);
    m_hint->setVisible(!valid && !text.isEmpty());
    m_edit->setAccessibleDescription(reason);
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

} // namespace sreg
