#pragma once

#include "common/Result.h"
#include "storage/StorageConfig.h"
#include "storage/StorageSecrets.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace sreg {

// The fields of one storage backend: a choice of backend and, per backend, what StorageConfig holds, plus the
// secret (a password field, never pre-filled: the stored one stays in the keychain unless a new one is typed).
class StorageConfigForm final : public QWidget
{
    Q_OBJECT

public:
    explicit StorageConfigForm(QWidget* parent = nullptr);

    void setConfig(const StorageConfig& config);
    // The settings as entered, checked the way storage.json is (InvalidArgument names the field).
    Result<StorageConfig> config() const;
    StorageSecrets secrets() const;
    bool hasSecret() const;

Q_SIGNALS:
    void changed();

private:
    QWidget* localPage();
    QWidget* s3Page();
    QWidget* swiftPage();
    void backendChosen(int index);
    void swiftMethodChosen();
    QLineEdit* addLine(QFormLayout* form, const QString& label, const QString& placeholder = {});

    QComboBox* m_backend = nullptr;
    QStackedWidget* m_pages = nullptr;
    // local
    QLineEdit* m_path = nullptr;
    // s3 / gcs
    QLineEdit* m_endpoint = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_bucket = nullptr;
    QComboBox* m_addressing = nullptr;
    QLineEdit* m_accessKeyId = nullptr;
    QLineEdit* m_s3Secret = nullptr;
    QCheckBox* m_presigned = nullptr;
    // swift
    QLineEdit* m_authUrl = nullptr;
    QComboBox* m_authMethod = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_userDomain = nullptr;
    QLineEdit* m_project = nullptr;
    QLineEdit* m_projectDomain = nullptr;
    QLineEdit* m_credentialId = nullptr;
    QLineEdit* m_swiftRegion = nullptr;
    QLineEdit* m_container = nullptr;
    QLineEdit* m_swiftSecret = nullptr;
    QLabel* m_swiftSecretLabel = nullptr;
    // every object store
    QLineEdit* m_s3Prefix = nullptr;
    QLineEdit* m_swiftPrefix = nullptr;
    QCheckBox* m_s3VerifyTls = nullptr;
    QCheckBox* m_swiftVerifyTls = nullptr;
    QLineEdit* m_s3CaFile = nullptr;
    QLineEdit* m_swiftCaFile = nullptr;
    StorageConfig m_loaded; // tuning the form does not show is kept as it was
};

} // namespace sreg
