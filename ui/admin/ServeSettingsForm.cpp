#include "ServeSettingsForm.h"

#include "AdminColors.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sreg {

ServeSettingsForm::ServeSettingsForm(QWidget* parent)
    : QWidget(parent)
    , m_host(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_tls(new QButtonGroup(this))
    , m_certificate(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_files(new QWidget(this))
    , m_insecure(new QCheckBox(tr("Serve plain HTTP on this address anyway: tokens and images cross the network "
                                  "unencrypted"),
                               this))
    , m_publicUrl(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    m_host->setEditable(true);
    m_host->setInsertPolicy(QComboBox::NoInsert);
    m_host->addItem(QStringLiteral("127.0.0.1"));
    m_host->addItem(QStringLiteral("::1"));
    m_host->addItem(QStringLiteral("0.0.0.0"));
    m_host->setItemData(0, tr("This computer only"), Qt::ToolTipRole);
    m_host->setItemData(1, tr("This computer only (IPv6)"), Qt::ToolTipRole);
    m_host->setItemData(2, tr("Every network this computer is on"), Qt::ToolTipRole);
    m_host->setAccessibleName(tr("Listen address"));
    m_port->setRange(0, 65535);
    m_port->setValue(5000);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setAccessibleName(tr("Port"));

    auto* none = new QRadioButton(tr("None (plain HTTP)"), this);
    auto* selfSigned = new QRadioButton(tr("Self-signed certificate (made once, kept in the data folder)"), this);
    auto* files = new QRadioButton(tr("My certificate and key:"), this);
    m_tls->addButton(none, int(ServeSettings::Tls::None));
    m_tls->addButton(selfSigned, int(ServeSettings::Tls::SelfSigned));
    m_tls->addButton(files, int(ServeSettings::Tls::Files));
    none->setChecked(true);
    m_certificate->setPlaceholderText(tr("certificate (PEM)"));
    m_certificate->setAccessibleName(tr("Certificate file"));
    m_key->setPlaceholderText(tr("private key (PEM)"));
    m_key->setAccessibleName(tr("Private key file"));
    auto* browseCertificate = new QPushButton(tr("Browse…"), this);
    browseCertificate->setAccessibleName(tr("Browse for the certificate"));
    auto* browseKey = new QPushButton(tr("Browse…"), this);
    browseKey->setAccessibleName(tr("Browse for the private key"));
    auto* filesLayout = new QFormLayout(m_files);
    filesLayout->setContentsMargins(24, 0, 0, 0);
    auto* certificateRow = new QHBoxLayout;
    certificateRow->addWidget(m_certificate, 1);
    certificateRow->addWidget(browseCertificate);
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(browseKey);
    filesLayout->addRow(tr("Certificate:"), certificateRow);
    filesLayout->addRow(tr("Key:"), keyRow);

    m_publicUrl->setPlaceholderText(tr("optional, e.g. https://registry.example.org behind a proxy"));
    m_publicUrl->setAccessibleName(tr("Public URL"));
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, AdminColors::critical(palette()));
    m_problem->setPalette(problemPalette);

    auto* tlsLayout = new QVBoxLayout;
    tlsLayout->addWidget(none);
    tlsLayout->addWidget(selfSigned);
    tlsLayout->addWidget(files);
    tlsLayout->addWidget(m_files);
    auto* listen = new QHBoxLayout;
    listen->addWidget(m_host, 1);
    listen->addWidget(new QLabel(tr("Port:"), this));
    listen->addWidget(m_port);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto* hostLabel = new QLabel(tr("&Address:"), this);
    hostLabel->setBuddy(m_host); // a row holding a layout gets no buddy by itself
    form->addRow(hostLabel, listen);
    form->addRow(tr("TLS:"), tlsLayout);
    form->addRow(QString(), m_insecure);
    form->addRow(tr("P&ublic URL:"), m_publicUrl);
    form->addRow(QString(), m_problem);

    connect(m_host, &QComboBox::currentTextChanged, this, &ServeSettingsForm::update);
    connect(m_port, &QSpinBox::valueChanged, this, &ServeSettingsForm::update);
    connect(m_tls, &QButtonGroup::idToggled, this, &ServeSettingsForm::update);
    connect(m_certificate, &QLineEdit::textChanged, this, &ServeSettingsForm::update);
    connect(m_key, &QLineEdit::textChanged, this, &ServeSettingsForm::update);
    connect(m_insecure, &QCheckBox::toggled, this, &ServeSettingsForm::update);
    connect(m_publicUrl, &QLineEdit::textChanged, this, &ServeSettingsForm::update);
    connect(browseCertificate, &QPushButton::clicked, this,
            [this] { browse(m_certificate, tr("Choose the TLS Certificate")); });
    connect(browseKey, &QPushButton::clicked, this, [this] { browse(m_key, tr("Choose the TLS Private Key")); });
    update();
}

ServeSettings ServeSettingsForm::settings() const
{
    ServeSettings settings;
    settings.host = m_host->currentText().trimmed();
    settings.port = m_port->value();
    settings.tls = ServeSettings::Tls(m_tls->checkedId());
    settings.certificate = m_certificate->text().trimmed();
    settings.key = m_key->text().trimmed();
    settings.insecure = m_insecure->isChecked() && settings.needsTlsOrInsecure();
    settings.publicUrl = m_publicUrl->text().trimmed();
    return settings;
}

void ServeSettingsForm::setSettings(const ServeSettings& settings)
{
    m_host->setCurrentText(settings.host);
    m_port->setValue(settings.port);
    if (QAbstractButton* button = m_tls->button(int(settings.tls)))
        button->setChecked(true);
    m_certificate->setText(settings.certificate);
    m_key->setText(settings.key);
    m_insecure->setChecked(settings.insecure);
    m_publicUrl->setText(settings.publicUrl);
    update();
}

QRadioButton* ServeSettingsForm::tlsButton(ServeSettings::Tls tls) const
{
    return qobject_cast<QRadioButton*>(m_tls->button(int(tls)));
}

void ServeSettingsForm::update()
{
    const ServeSettings current = settings();
    m_files->setEnabled(current.tls == ServeSettings::Tls::Files);
    m_insecure->setVisible(current.needsTlsOrInsecure());
    const QString problem = current.problem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    Q_EMIT changed();
}

void ServeSettingsForm::browse(QLineEdit* target, const QString& title)
{
    auto* dialog = new QFileDialog(this, title, target->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, target, &QLineEdit::setText);
    dialog->open();
}

} // namespace sreg
