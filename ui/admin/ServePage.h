#pragma once

#include "AdminPage.h"

class QLabel;
class QPushButton;

namespace sreg {

class ClientCommandsPanel;
class CopyField;
class ServeController;
class ServeSettingsForm;

// Serves this registry over HTTP(S) from inside the app: where to listen, TLS, start and stop, the certificate's
// fingerprint, and the commands clients need. The server keeps running when the window closes (the
// controller belongs to the source).
class ServePage final : public AdminPage
{
    Q_OBJECT

public:
    // controller null: the source cannot be served (a remote registry); the page says why.
    ServePage(RegistrySource* source, ServeController* controller, QWidget* parent = nullptr);

    ServeController* controller() const { return m_controller; }
    ServeSettingsForm* form() const { return m_form; }
    QPushButton* startStopButton() const { return m_startStop; }
    QLabel* statusLabel() const { return m_status; }
    CopyField* fingerprintField() const { return m_fingerprint; }
    ClientCommandsPanel* commands() const { return m_commands; }

public Q_SLOTS:
    void refresh() override;
    void startOrStop();

private:
    void updateState();

    ServeController* m_controller;
    ServeSettingsForm* m_form;
    QPushButton* m_startStop;
    QLabel* m_status;
    QLabel* m_fingerprintLabel;
    CopyField* m_fingerprint;
    ClientCommandsPanel* m_commands;
};

} // namespace sreg
