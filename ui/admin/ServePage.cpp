#include "ServePage.h"

#include "ClientCommandsPanel.h"
#include "CopyField.h"
#include "InlineMessage.h"
#include "ServeSettingsForm.h"
#include "admin/ClientCommands.h"
#include "admin/ServeController.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sreg {

ServePage::ServePage(RegistrySource* source, ServeController* controller, QWidget* parent)
    : AdminPage(source, parent)
    , m_controller(controller)
    , m_form(new ServeSettingsForm(this))
    , m_startStop(new QPushButton(tr("&Start Serving"), this))
    , m_status(new QLabel(this))
    , m_fingerprintLabel(new QLabel(tr("Certificate SHA-256 fingerprint (compare it on the clients):"), this))
    , m_fingerprint(new CopyField(tr("the fingerprint"), false, this))
    , m_commands(new ClientCommandsPanel(this))
{
    setObjectName(QStringLiteral("servePage"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_status->setOpenExternalLinks(true);

    auto* settingsBox = new QGroupBox(tr("Listen"), this);
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(m_form);
    auto* control = new QHBoxLayout;
    control->addWidget(m_startStop);
    control->addWidget(m_status, 1);
    auto* clientsBox = new QGroupBox(tr("Clients"), this);
    auto* clientsLayout = new QVBoxLayout(clientsBox);
    clientsLayout->addWidget(m_commands);

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(settingsBox);
    contentLayout->addLayout(control);
    contentLayout->addWidget(m_fingerprintLabel);
    contentLayout->addWidget(m_fingerprint);
    contentLayout->addWidget(clientsBox);
    contentLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    pageLayout()->addWidget(scroll, 1);

    connect(m_startStop, &QPushButton::clicked, this, &ServePage::startOrStop);
    connect(m_form, &ServeSettingsForm::changed, this, &ServePage::updateState);
    if (m_controller) {
        m_form->setSettings(m_controller->settings());
        connect(m_controller, &ServeController::settingsChanged, this, [this] {
            if (m_controller->state() == ServeController::State::Stopped)
                m_form->setSettings(m_controller->settings());
        });
        connect(m_controller, &ServeController::stateChanged, this, &ServePage::updateState);
        connect(m_controller, &ServeController::failed, message(), &InlineMessage::showError);
    } else {
        const QString reason = source && !source->supports(RegistrySource::Feature::Serve)
            ? source->unsupportedReason(RegistrySource::Feature::Serve)
            : tr("Only the registry on this computer can be served from here.");
        message()->showMessage(reason, InlineMessage::Kind::Info);
        settingsBox->setEnabled(false);
    }
    updateState();
}

void ServePage::refresh()
{
    if (!source() || !source()->supports(RegistrySource::Feature::Users))
        return;
    source()->users(this, [this](Result<QList<UserRecord>> users) {
        if (!users)
            return;
        QStringList names;
        for (const UserRecord& user : users.value())
            names << user.name;
        m_commands->setUsers(names);
    });
}

void ServePage::startOrStop()
{
    if (!m_controller)
        return;
    if (m_controller->state() == ServeController::State::Stopped) {
        message()->clear();
        m_controller->start(m_form->settings());
    } else {
        m_controller->stop();
    }
}

void ServePage::updateState()
{
    const ServeController::State state = m_controller ? m_controller->state() : ServeController::State::Stopped;
    const bool stopped = state == ServeController::State::Stopped;
    m_form->setEnabled(m_controller && stopped);
    const bool tls = m_controller && m_controller->settings().tls != ServeSettings::Tls::None;
    switch (state) {
    case ServeController::State::Stopped:
        m_startStop->setText(tr("&Start Serving"));
        m_startStop->setEnabled(m_controller && m_form->problem().isEmpty());
        m_status->setText(tr("Not serving."));
        break;
    case ServeController::State::Starting:
        m_startStop->setText(tr("&Stop Serving"));
        m_startStop->setEnabled(true);
        m_status->setText(tr("Starting…"));
        break;
    case ServeController::State::Running:
        m_startStop->setText(tr("&Stop Serving"));
        m_startStop->setEnabled(true);
        m_status->setText(tr("Serving at <a href=\"%1\">%1</a>").arg(m_controller->url().toHtmlEscaped()));
        break;
    case ServeController::State::Stopping:
        m_startStop->setText(tr("&Stop Serving"));
        m_startStop->setEnabled(false);
        m_status->setText(tr("Stopping: uploads in progress are discarded…"));
        break;
    }
    const bool running = state == ServeController::State::Running;
    const bool showFingerprint = running && tls && !m_controller->fingerprint().isEmpty();
    m_fingerprintLabel->setVisible(showFingerprint);
    m_fingerprint->setVisible(showFingerprint);
    m_fingerprint->setText(showFingerprint ? m_controller->fingerprint() : QString());
    if (running) {
        const ServeSettings settings = m_controller->settings();
        m_commands->setServer(ClientCommands::clientUrl(settings.host, m_controller->port(), tls, settings.publicUrl),
                              tls, settings.tls == ServeSettings::Tls::SelfSigned);
    } else {
        m_commands->setServer({}, false, false);
    }
}

} // namespace sreg
