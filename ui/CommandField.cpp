#include "CommandField.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

namespace sreg {

CommandField::CommandField(const QString& what, QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_copy(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_edit->setReadOnly(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setAccessibleName(what);
    m_copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
    m_copy->setAutoRaise(true);
    // Icon-only: the accessible name and tooltip say what it copies.
    m_copy->setToolTip(tr("Copy the %1").arg(what));
    m_copy->setAccessibleName(tr("Copy the %1").arg(what));
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_copy);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_edit->text());
        Q_EMIT copied(m_edit->text());
    });
}

CommandField::~CommandField() = default;

void CommandField::setText(const QString& text)
{
    m_edit->setText(text);
    m_edit->setCursorPosition(0);
    m_copy->setEnabled(!text.isEmpty());
}

QString CommandField::text() const
{
    return m_edit->text();
}

} // namespace sreg
