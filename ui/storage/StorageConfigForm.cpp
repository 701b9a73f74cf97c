#include "StorageConfigForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sreg {
namespace {

// The combo's order, and the backend each entry stands for.
const StorageConfig::Backend Backends[] = { StorageConfig::Backend::Local, StorageConfig::Backend::S3,
                                            StorageConfig::Backend::Gcs, StorageConfig::Backend::Swift };
const char* const SwiftMethods[] = { "tempauth", "keystone", "application-credential" };

} // namespace

StorageConfigForm::StorageConfigForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* choose = new QFormLayout;
    m_backend = new QComboBox(this);
    m_backend->addItem(tr("A folder on this computer"));
    m_backend->addItem(tr("Amazon S3, or an S3-compatible store (MinIO, Ceph, ...)"));
    m_backend->addItem(tr("Google Cloud Storage (with an HMAC key)"));
    m_backend->addItem(tr("OpenStack Swift"));
    choose->addRow(tr("Keep images in:"), m_backend);
    layout->addLayout(choose);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(localPage());
    m_pages->addWidget(s3Page());
    m_pages->addWidget(swiftPage());
    layout->addWidget(m_pages);
    connect(m_backend, &QComboBox::currentIndexChanged, this, &StorageConfigForm::backendChosen);
    for (QLineEdit* line : findChildren<QLineEdit*>())
        connect(line, &QLineEdit::textChanged, this, &StorageConfigForm::changed);
    for (QCheckBox* box : findChildren<QCheckBox*>())
        connect(box, &QCheckBox::toggled, this, &StorageConfigForm::changed);
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, &StorageConfigForm::changed);
    connect(m_addressing, &QComboBox::currentIndexChanged, this, &StorageConfigForm::changed);
    backendChosen(0);
}

QLineEdit* StorageConfigForm::addLine(QFormLayout* form, const QString& label, const QString& placeholder)
{
    auto* line = new QLineEdit(this);
    line->setPlaceholderText(placeholder);
    form->addRow(label, line);
    return line;
}

QWidget* StorageConfigForm::localPage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    auto* row = new QHBoxLayout;
    m_path = new QLineEdit(page);
    m_path->setPlaceholderText(tr("blobs (inside the registry's data folder)"));
    auto* browse = new QPushButton(tr("Choose…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the images"), m_path->text());
        if (!dir.isEmpty())
            m_path->setText(dir);
    });
    row->addWidget(m_path);
    row->addWidget(browse);
    form->addRow(tr("Folder:"), row);
    return page;
}

QWidget* StorageConfigForm::s3Page()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_endpoint = addLine(form, tr("Endpoint:"), tr("empty: AWS in the region below"));
    m_region = addLine(form, tr("Region:"), QStringLiteral("us-east-1"));
    m_bucket = addLine(form, tr("Bucket:"));
    m_s3Prefix = addLine(form, tr("Key prefix:"), tr("optional, e.g. registry/"));
    m_addressing = new QComboBox(page);
    m_addressing->addItem(tr("Automatic"), QStringLiteral("auto"));
    m_addressing->addItem(tr("Path style (https://endpoint/bucket/key)"), QStringLiteral("path"));
    m_addressing->addItem(tr("Virtual host (https://bucket.endpoint/key)"), QStringLiteral("virtual"));
    form->addRow(tr("Addressing:"), m_addressing);
    m_accessKeyId = addLine(form, tr("Access key ID:"));
    m_s3Secret = addLine(form, tr("Secret access key:"), tr("kept in the keychain; type to replace"));
    m_s3Secret->setEchoMode(QLineEdit::Password);
    m_s3VerifyTls = new QCheckBox(tr("Check the server's TLS certificate"), page);
    m_s3VerifyTls->setChecked(true);
    form->addRow(QString(), m_s3VerifyTls);
    m_s3CaFile = addLine(form, tr("CA certificates:"), tr("optional PEM file, for a private CA"));
    m_presigned = new QCheckBox(tr("Let clients download images straight from the bucket (short-lived links)"), page);
    m_presigned->setToolTip(tr("Served registries answer /v1/imagefile with a redirect to a presigned URL instead of "
                               "passing the bytes through. Off by default: clients must reach the endpoint."));
    form->addRow(QString(), m_presigned);
    return page;
}

QWidget* StorageConfigForm::swiftPage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    m_authUrl = addLine(form, tr("Auth URL:"), QStringLiteral("https://keystone.example.org:5000/v3"));
    m_authMethod = new QComboBox(page);
    m_authMethod->addItem(tr("tempauth / swauth (v1)"));
    m_authMethod->addItem(tr("Keystone v3, user and password"));
    m_authMethod->addItem(tr("Keystone v3, application credential"));
    form->addRow(tr("Sign in with:"), m_authMethod);
    m_user = addLine(form, tr("User:"));
    m_userDomain = addLine(form, tr("User domain:"), QStringLiteral("Default"));
    m_project = addLine(form, tr("Project:"));
    m_projectDomain = addLine(form, tr("Project domain:"), QStringLiteral("Default"));
    m_credentialId = addLine(form, tr("Application credential ID:"));
    m_swiftRegion = addLine(form, tr("Region:"), tr("optional"));
    m_container = addLine(form, tr("Container:"));
    m_swiftPrefix = addLine(form, tr("Object prefix:"), tr("optional, e.g. registry/"));
    m_swiftSecret = new QLineEdit(page);
    m_swiftSecret->setEchoMode(QLineEdit::Password);
    m_swiftSecret->setPlaceholderText(tr("kept in the keychain; type to replace"));
    m_swiftSecretLabel = new QLabel(page);
    form->addRow(m_swiftSecretLabel, m_swiftSecret);
    m_swiftVerifyTls = new QCheckBox(tr("Check the server's TLS certificate"), page);
    m_swiftVerifyTls->setChecked(true);
    form->addRow(QString(), m_swiftVerifyTls);
    m_swiftCaFile = addLine(form, tr("CA certificates:"), tr("optional PEM file, for a private CA"));
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, &StorageConfigForm::swiftMethodChosen);
    swiftMethodChosen();
    return page;
}

void StorageConfigForm::backendChosen(int index)
{
    const StorageConfig::Backend backend = Backends[std::clamp(index, 0, 3)];
    m_pages->setCurrentIndex(backend == StorageConfig::Backend::Local       ? 0
                                 : backend == StorageConfig::Backend::Swift ? 2
                                                                            : 1);
    const bool gcs = backend == StorageConfig::Backend::Gcs;
    m_endpoint->setPlaceholderText(gcs ? QStringLiteral("https://storage.googleapis.com")
                                       : tr("empty: AWS in the region below"));
    m_region->setPlaceholderText(gcs ? QStringLiteral("auto") : QStringLiteral("us-east-1"));
    m_accessKeyId->setPlaceholderText(gcs ? tr("the HMAC key's access ID (GOOG1…)") : QString());
    emit changed();
}

void StorageConfigForm::swiftMethodChosen()
{
    const int method = m_authMethod->currentIndex();
    const bool keystone = method == 1;
    const bool credential = method == 2;
    for (QWidget* field : { static_cast<QWidget*>(m_user) })
        field->setEnabled(!credential);
    for (QWidget* field : { m_userDomain, m_project, m_projectDomain })
        field->setEnabled(keystone);
    m_credentialId->setEnabled(credential);
    m_swiftRegion->setEnabled(method != 0);
    m_swiftSecretLabel->setText(method == 0 ? tr("Key:") : keystone ? tr("Password:") : tr("Secret:"));
    m_user->setPlaceholderText(method == 0 ? QStringLiteral("account:user") : QString());
}

void StorageConfigForm::setConfig(const StorageConfig& config)
{
    m_loaded = config;
    const int index = int(std::find(std::begin(Backends), std::end(Backends), config.backend) - std::begin(Backends));
    m_backend->setCurrentIndex(index);
    m_path->setText(config.path);
    m_endpoint->setText(config.endpoint);
    m_region->setText(config.backend == StorageConfig::Backend::Swift ? QString() : config.region);
    m_bucket->setText(config.bucket);
    m_addressing->setCurrentIndex(std::max(0, m_addressing->findData(config.addressing)));
    m_accessKeyId->setText(config.accessKeyId);
    m_presigned->setChecked(config.presignedDownloads);
    m_authUrl->setText(config.authUrl);
    const auto method = std::find(std::begin(SwiftMethods), std::end(SwiftMethods), config.authMethod.toStdString());
    m_authMethod->setCurrentIndex(method == std::end(SwiftMethods) ? 0 : int(method - std::begin(SwiftMethods)));
    m_user->setText(config.user);
    m_userDomain->setText(config.userDomain == u"Default" ? QString() : config.userDomain);
    m_project->setText(config.project);
    m_projectDomain->setText(config.projectDomain == u"Default" ? QString() : config.projectDomain);
    m_credentialId->setText(config.applicationCredentialId);
    m_swiftRegion->setText(config.backend == StorageConfig::Backend::Swift ? config.region : QString());
    m_container->setText(config.container);
    m_s3Prefix->setText(config.prefix);
    m_swiftPrefix->setText(config.prefix);
    m_s3VerifyTls->setChecked(config.verifyTls);
    m_swiftVerifyTls->setChecked(config.verifyTls);
    m_s3CaFile->setText(config.caFile);
    m_swiftCaFile->setText(config.caFile);
    m_s3Secret->clear();
    m_swiftSecret->clear();
}

Result<StorageConfig> StorageConfigForm::config() const
{
    StorageConfig config = m_loaded; // keeps tuning (chunk size, parallelism, spool) the form does not show
    config.backend = Backends[std::clamp(m_backend->currentIndex(), 0, 3)];
    const auto text = [](const QLineEdit* line) {
        return line->text().trimmed();
    };
    config.path = text(m_path);
    const bool swift = config.backend == StorageConfig::Backend::Swift;
    config.endpoint = text(m_endpoint);
    config.region = swift ? text(m_swiftRegion) : text(m_region);
    config.bucket = text(m_bucket);
    config.addressing = m_addressing->currentData().toString();
    config.accessKeyId = text(m_accessKeyId);
    config.presignedDownloads = !swift && m_presigned->isChecked();
    config.authUrl = text(m_authUrl);
    config.authMethod = QString::fromLatin1(SwiftMethods[std::clamp(m_authMethod->currentIndex(), 0, 2)]);
    config.user = text(m_user);
    config.userDomain = text(m_userDomain).isEmpty() ? QStringLiteral("Default") : text(m_userDomain);
    config.project = text(m_project);
    config.projectDomain = text(m_projectDomain).isEmpty() ? QStringLiteral("Default") : text(m_projectDomain);
    config.applicationCredentialId = text(m_credentialId);
    config.container = text(m_container);
    config.prefix = swift ? text(m_swiftPrefix) : text(m_s3Prefix);
    config.verifyTls = swift ? m_swiftVerifyTls->isChecked() : m_s3VerifyTls->isChecked();
    config.caFile = swift ? text(m_swiftCaFile) : text(m_s3CaFile);
    if (config.backend == StorageConfig::Backend::Local) {
        // Nothing of an object store may linger in a local store's settings.
        StorageConfig local;
        local.path = config.path;
        config = local;
    }
    // The same rules as storage.json, through the same parser.
    return StorageConfig::fromJson(config.toJson());
}

StorageSecrets StorageConfigForm::secrets() const
{
    StorageSecrets secrets;
    const bool swift = Backends[std::clamp(m_backend->currentIndex(), 0, 3)] == StorageConfig::Backend::Swift;
    secrets.secret = (swift ? m_swiftSecret : m_s3Secret)->text().toUtf8();
    return secrets;
}

bool StorageConfigForm::hasSecret() const
{
    return !secrets().secret.isEmpty();
}

} // namespace sreg
