#include "InlineMessage.h"

#include "AdminColors.h"
#include "AdminIcons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace sreg {

InlineMessage::InlineMessage(QWidget* parent)
    : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("inlineMessage"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(AdminIcons::icon(QStringLiteral("clear"), QStyle::SP_TitleBarCloseButton, this));
    m_close->setAutoRaise(true);
    m_close->setAccessibleName(tr("Dismiss message"));
    m_close->setToolTip(tr("Dismiss"));
    connect(m_close, &QToolButton::clicked, this, &InlineMessage::clear);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

QString InlineMessage::text() const
{
    return isVisibleTo(parentWidget()) ? m_label->text() : QString();
}

void InlineMessage::showMessage(const QString& text, Kind kind)
{
    m_kind = kind;
    m_label->setText(text);
    setAccessibleDescription(text);
    applyColours();
    show();
}

void InlineMessage::clear()
{
    m_label->clear();
    hide();
}

void InlineMessage::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyColours();
}

void InlineMessage::applyColours()
{
    const QPalette base = parentWidget() ? parentWidget()->palette() : palette();
    QColor accent;
    switch (m_kind) {
    case Kind::Info:
        accent = base.color(QPalette::Highlight);
        break;
    case Kind::Success:
        accent = AdminColors::ok(base);
        break;
    case Kind::Warning:
        accent = AdminColors::warning(base);
        break;
    case Kind::Error:
        accent = AdminColors::critical(base);
        break;
    }
    QPalette own = base;
    own.setColor(QPalette::Window, AdminColors::faint(accent, base));
    own.setColor(QPalette::WindowText, base.color(QPalette::Text));
    // Setting the palette sends a PaletteChange of its own.
    m_applying = true;
    setPalette(own);
    m_applying = false;
}

} // namespace sreg
