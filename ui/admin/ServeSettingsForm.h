#pragma once

#include "admin/ServeSettings.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace sreg {

// Listen address, port, TLS and the explicit "plain HTTP on the network" choice of the Serve page. The
// insecure choice only appears when it matters (a non-loopback address without TLS).
class ServeSettingsForm final : public QWidget
{
    Q_OBJECT

public:
    explicit ServeSettingsForm(QWidget* parent = nullptr);

    ServeSettings settings() const;
    void setSettings(const ServeSettings& settings);
    QString problem() const { return settings().problem(); }

    QComboBox* hostBox() const { return m_host; }
    QSpinBox* portBox() const { return m_port; }
    QRadioButton* tlsButton(ServeSettings::Tls tls) const;
    QLineEdit* certificateEdit() const { return m_certificate; }
    QLineEdit* keyEdit() const { return m_key; }
    QCheckBox* insecureBox() const { return m_insecure; }
    QLineEdit* publicUrlEdit() const { return m_publicUrl; }

Q_SIGNALS:
    void changed();

private:
    void update();
    void browse(QLineEdit* target, const QString& title);

    QComboBox* m_host;
    QSpinBox* m_port;
    QButtonGroup* m_tls;
    QLineEdit* m_certificate;
    QLineEdit* m_key;
    QWidget* m_files;
    QCheckBox* m_insecure;
    QLineEdit* m_publicUrl;
    QLabel* m_problem;
};

} // namespace sreg
