#pragma once

#include "RegistrySource.h"

#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QVBoxLayout;

namespace sreg {

class InlineMessage;

// Base of the administration window's pages: loads its data the first time it is shown (so opening the window
// does not query what nobody looks at), and has a message line for errors and results.
class AdminPage : public QWidget
{
    Q_OBJECT

public:
    RegistrySource* source() const { return m_source; }
    InlineMessage* message() const { return m_message; }
    bool isActivated() const { return m_activated; }
    // Loads now if it has not yet (tests and the window's "open on page" use it).
    void ensureActivated();

public Q_SLOTS:
    virtual void refresh() = 0;

protected:
    AdminPage(RegistrySource* source, QWidget* parent);

    void showEvent(QShowEvent* event) override;
    // The page's own layout, under the message line.
    QVBoxLayout* pageLayout() const { return m_layout; }
    // Disables button when the source lacks feature, telling why in its tooltip.
    void requireFeature(QAbstractButton* button, RegistrySource::Feature feature);
    bool supports(RegistrySource::Feature feature) const;

private:
    QPointer<RegistrySource> m_source;
    InlineMessage* m_message;
    QVBoxLayout* m_layout;
    bool m_activated = false;
};

} // namespace sreg
