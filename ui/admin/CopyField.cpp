#include "CopyField.h"

#include "Icons.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QToolButton>

namespace sreg {

CopyField::CopyField(const QString& what, bool multiLine, QWidget* parent)
    : QWidget(parent), m_copy(new QToolButton(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (multiLine) {
        m_block = new QPlainTextEdit(this);
        m_block->setReadOnly(true);
        m_block->setFont(mono);
        m_block->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_block->setAccessibleName(what);
        layout->addWidget(m_block, 1);
    } else {
        m_line = new QLineEdit(this);
        m_line->setReadOnly(true);
        m_line->setFont(mono);
        m_line->setAccessibleName(what);
        layout->addWidget(m_line, 1);
    }
    // Labelled as well as iconned: Qt's styles have no copy icon to fall back on when ours is missing.
    m_copy->setText(tr("Copy"));
    m_copy->setIcon(Icons::named(QStringLiteral("copy")));
    m_copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copy->setToolTip(tr("Copy %1").arg(what));
    m_copy->setAccessibleName(tr("Copy %1").arg(what));
    layout->addWidget(m_copy, 0, multiLine ? Qt::AlignTop : Qt::Alignment());
    connect(m_copy, &QToolButton::clicked, this, &CopyField::copy);
}

QString CopyField::text() const
{
    return m_line ? m_line->text() : m_block->toPlainText();
}

void CopyField::setText(const QString& text)
{
    if (m_line) {
        m_line->setText(text);
        m_line->setCursorPosition(0);
        return;
    }
    m_block->setPlainText(text);
    // Tall enough for the whole snippet, so nothing hides behind a scroll bar.
    const int lines = int(text.count(u'\n')) + 1;
    const QFontMetrics metrics(m_block->font());
    m_block->setFixedHeight(metrics.lineSpacing() * qMin(lines, 12) + 2 * m_block->frameWidth() + 12);
}

void CopyField::copy()
{
    QGuiApplication::clipboard()->setText(text());
    Q_EMIT copied();
}

} // namespace sreg
