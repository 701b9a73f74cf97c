#include "AdminPage.h"

#include "InlineMessage.h"

#include <QAbstractButton>
#include <QVBoxLayout>

namespace sreg {

AdminPage::AdminPage(RegistrySource* source, QWidget* parent)
    : QWidget(parent), m_source(source), m_message(new InlineMessage(this)), m_layout(new QVBoxLayout(this))
{
    m_layout->addWidget(m_message);
}

void AdminPage::ensureActivated()
{
    if (m_activated)
        return;
    m_activated = true;
    refresh();
}

void AdminPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    ensureActivated();
}

bool AdminPage::supports(RegistrySource::Feature feature) const
{
    return m_source && m_source->supports(feature);
}

void AdminPage::requireFeature(QAbstractButton* button, RegistrySource::Feature feature)
{
    if (supports(feature))
        return;
    button->setEnabled(false);
    button->setToolTip(m_source ? m_source->unsupportedReason(feature) : tr("Not connected"));
}

} // namespace sreg
