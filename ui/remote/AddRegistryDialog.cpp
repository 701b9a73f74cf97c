#include "AddRegistryDialog.h"

#include "MessageBox.h"
#include "RegistrySource.h"
#include "TlsTrustDialog.h"
#include "remote/CertificatePolicy.h"
#include "remote/RemoteFeatures.h"
#include "remote/RemoteHttp.h"
#include "remote/RemoteProbe.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sreg {

namespace {

QString featureName(RegistrySource::Feature feature)
{
    switch (feature) {
    case RegistrySource::Feature::Push:
        return AddRegistryDialog::tr("upload");
    case RegistrySource::Feature::Delete:
        return AddRegistryDialog::tr("delete");
    case RegistrySource::Feature::Tag:
        return AddRegistryDialog::tr("tag");
    case RegistrySource::Feature::Freeze:
        return AddRegistryDialog::tr("freeze");
    case RegistrySource::Feature::EditCollections:
        return AddRegistryDialog::tr("collection settings");
    case RegistrySource::Feature::Members:
        return AddRegistryDialog::tr("members");
    case RegistrySource::Feature::Users:
        return AddRegistryDialog::tr("users");
    case RegistrySource::Feature::Teams:
        return AddRegistryDialog::tr("teams");
    case RegistrySource::Feature::Tokens:
        return AddRegistryDialog::tr("tokens");
    case RegistrySource::Feature::Audit:
        return AddRegistryDialog::tr("audit log");
    case RegistrySource::Feature::Storage:
        return AddRegistryDialog::tr("storage and GC");
    case RegistrySource::Feature::Search:
        return AddRegistryDialog::tr("search");
    case RegistrySource::Feature::ImageMetadata:
        return AddRegistryDialog::tr("image details");
    case RegistrySource::Feature::ImageBytes:
        return AddRegistryDialog::tr("files inside images");
    case RegistrySource::Feature::History:
        return AddRegistryDialog::tr("tag history");
    case RegistrySource::Feature::Serve:
        return {};
    }
    return {};
}

} // namespace

AddRegistryDialog::AddRegistryDialog(QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_connect(new QPushButton(tr("&Connect"), this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Registry"));
    m_url->setPlaceholderText(QStringLiteral("https://registry.example.org"));
    m_name->setPlaceholderText(tr("As the server names itself"));
    m_user->setPlaceholderText(tr("Needed by sregistry servers to delete"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Empty: browse public collections only"));
    auto* form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(tr("User &name:"), m_user);
    form->addRow(tr("&Display name:"), m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_connect, 0, Qt::AlignRight);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setMinimumWidth(420);
    m_status->setAccessibleName(tr("Connection status"));
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, &AddRegistryDialog::connectToServer);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &AddRegistryDialog::probeFinished);
    for (QLineEdit* field : { m_url, m_user, m_token })
        connect(field, &QLineEdit::textEdited, this, &AddRegistryDialog::fieldsChanged);
    setStatus(tr("Enter the registry's address, then Connect."));
}

AddRegistryDialog::~AddRegistryDialog()
{
    m_watcher.waitForFinished();
}

void AddRegistryDialog::setFields(const QString& url, const QString& token, const QString& user, const QString& name)
{
    m_url->setText(url);
    m_token->setText(token);
    m_user->setText(user);
    m_name->setText(name);
    fieldsChanged();
}

QString AddRegistryDialog::statusText() const
{
    return m_status->text();
}

void AddRegistryDialog::setStatus(const QString& html)
{
    m_status->setText(html);
}

void AddRegistryDialog::fieldsChanged()
{
    // What was checked no longer holds for other fields.
    m_connected = false;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
}

AddRegistryDialog::Probe AddRegistryDialog::run(const remote::RemoteConnection& connection)
{
    remote::RemoteHttp http(connection);
    Result<remote::RemoteInfo> info = remote::RemoteProbe::run(http);
    Probe probe;
    const remote::CertificatePolicy::Observation seen = http.certificate();
    probe.verdict = int(seen.verdict);
    probe.fingerprint = seen.fingerprint;
    probe.certificateReason = seen.reason;
    if (info)
        probe.info = *info;
    else
        probe.error = info.error().message();
    return probe;
}

void AddRegistryDialog::connectToServer()
{
    if (m_watcher.isRunning())
        return;
    QString text = m_url->text().trimmed();
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https" && url.scheme() != u"http")) {
        setStatus(tr("<b>That is not an http(s) address.</b>"));
        Q_EMIT probed(false);
        return;
    }
    m_url->setText(text);
    remote::RemoteConnection connection;
    connection.baseUrl = url;
    connection.token = m_token->text().trimmed();
    connection.username = m_user->text().trimmed();
    connection.pinnedFingerprint = m_fingerprint;
    m_connect->setEnabled(false);
    setStatus(tr("Connecting to %1…").arg(connection.displayUrl().toHtmlEscaped()));
    m_watcher.setFuture(QtConcurrent::run(&AddRegistryDialog::run, connection));
}

void AddRegistryDialog::probeFinished()
{
    m_connect->setEnabled(true);
    const Probe probe = m_watcher.result();
    const auto verdict = remote::CertificatePolicy::Verdict(probe.verdict);
    if (!probe.info && verdict == remote::CertificatePolicy::Verdict::Untrusted) {
        if (TlsTrustDialog::ask(this, m_url->text(), probe.certificateReason, probe.fingerprint)) {
            m_fingerprint = probe.fingerprint;
            connectToServer();
            return;
        }
        setStatus(tr("<b>Not connected:</b> the certificate was not trusted."));
        Q_EMIT probed(false);
        return;
    }
    if (!probe.info && verdict == remote::CertificatePolicy::Verdict::Changed) {
        MessageBox::warning(this, tr("Certificate changed"),
                            tr("The server's certificate is not the one you trusted. The connection was refused."),
                            probe.error);
        m_fingerprint.clear();
    }
    if (!probe.info) {
        setStatus(tr("<b>Cannot connect:</b> %1").arg(probe.error.toHtmlEscaped()));
        Q_EMIT probed(false);
        return;
    }
    showConnected(*probe.info);
    Q_EMIT probed(true);
}

void AddRegistryDialog::showConnected(const remote::RemoteInfo& info)
{
    m_info = info;
    m_connected = true;
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(info.name.isEmpty() ? QUrl(m_url->text()).host() : info.name);
    QStringList can;
    QStringList cannot;
    const QMetaEnum features = QMetaEnum::fromType<RegistrySource::Feature>();
    for (int i = 0; i < features.keyCount(); ++i) {
        const auto feature = RegistrySource::Feature(features.value(i));
        const QString name = featureName(feature);
        if (name.isEmpty())
            continue;
        if (RemoteFeatures::supports(info, feature))
            can.append(name);
        else
            cannot.append(QStringLiteral("%1 — %2").arg(name, RemoteFeatures::reason(info, m_name->text(), feature))
                              .toHtmlEscaped());
    }
    QString html = tr("<p><b>Connected:</b> %1</p>").arg(info.summary().toHtmlEscaped());
    if (info.certificate.verdict == remote::CertificatePolicy::Verdict::Pinned)
        html += tr("<p>Certificate trusted on your word: %1</p>").arg(info.certificate.fingerprint);
    else if (QUrl(m_url->text()).scheme() == u"http")
        html += tr("<p><b>Not encrypted:</b> the token travels in clear text.</p>");
    html += tr("<p>Supports: %1</p>").arg(can.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!cannot.isEmpty())
        html += tr("<p>Not available:<br>%1</p>").arg(cannot.join(QStringLiteral("<br>")));
    setStatus(html);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

RemoteConnectionSettings AddRegistryDialog::settings() const
{
    RemoteConnectionSettings settings;
    settings.name = m_name->text().trimmed();
    settings.url = QUrl(m_url->text().trimmed());
    settings.username = m_user->text().trimmed();
    settings.fingerprint = m_fingerprint;
    settings.kind = m_info.kind;
    settings.user = m_info.user;
    settings.admin = m_info.admin;
    return settings;
}

QString AddRegistryDialog::token() const
{
    return m_token->text().trimmed();
}

} // namespace sreg
