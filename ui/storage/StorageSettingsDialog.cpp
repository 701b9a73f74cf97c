#include "StorageSettingsDialog.h"

#include "StorageConfigForm.h"
#include "StorageKeychain.h"
#include "StorageMigrationTask.h"
#include "Task.h"
#include "TaskManager.h"
#include "registry/Registry.h"
#include "storage/BlobStoreFactory.h"

#include <QApplication>
#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sreg {

StorageSettingsDialog::StorageSettingsDialog(std::shared_ptr<Registry> registry, TaskManager* tasks, QWidget* parent)
    : QDialog(parent), m_registry(std::move(registry)), m_tasks(tasks), m_dataDir(m_registry->options().dataDir)
{
    setWindowTitle(tr("Image storage"));
    auto* layout = new QVBoxLayout(this);
    Result<StorageConfig> current = BlobStoreFactory::configuredIn(m_dataDir);
    if (current)
        m_current = *current;
    m_currentLabel = new QLabel(
        tr("Images of this registry are now kept in: <b>%1</b>").arg(m_registry->store().describe().toHtmlEscaped()),
        this);
    m_currentLabel->setWordWrap(true);
    layout->addWidget(m_currentLabel);
    if (!current) {
        auto* broken = new QLabel(
            tr("The storage settings cannot be read: %1").arg(current.error().message().toHtmlEscaped()), this);
        broken->setWordWrap(true);
        layout->addWidget(broken);
    }
    m_form = new StorageConfigForm(this);
    m_form->setConfig(m_current);
    layout->addWidget(m_form);
    m_removeOld = new QCheckBox(tr("Remove the images from the current storage once they are moved and checked "
                                   "(the application then restarts)"),
                                this);
    layout->addWidget(m_removeOld);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_test = buttons->addButton(tr("Test connection"), QDialogButtonBox::ActionRole);
    m_apply = buttons->addButton(tr("Move images here"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &StorageSettingsDialog::testConnection);
    connect(m_apply, &QPushButton::clicked, this, &StorageSettingsDialog::apply);
    connect(m_form, &StorageConfigForm::changed, this, &StorageSettingsDialog::updateButtons);
    updateButtons();
}

bool StorageSettingsDialog::sameLocation(const StorageConfig& config) const
{
    return config.location(m_dataDir) == m_current.location(m_dataDir);
}

void StorageSettingsDialog::updateButtons()
{
    Result<StorageConfig> config = m_form->config();
    const bool same = config && sameLocation(*config);
    m_apply->setText(same ? tr("Save settings") : tr("Move images here"));
    m_removeOld->setEnabled(!same);
    m_test->setEnabled(config.ok() && config->isObjectStore());
    m_apply->setEnabled(config.ok());
    if (!config)
        showResult(false, config.error().message());
    else
        m_result->clear();
}

void StorageSettingsDialog::showResult(bool ok, const QString& message)
{
    m_result->setStyleSheet(ok ? QString() : QStringLiteral("color: #b3261e"));
    m_result->setText(message);
}

void StorageSettingsDialog::testConnection()
{
    Result<StorageConfig> config = m_form->config();
    if (!config)
        return showResult(false, config.error().message());
    if (!m_form->hasSecret() && !sameLocation(*config))
        return showResult(false, tr("Enter the %1 to test the connection.").arg(config->secretLabel()));
    StorageSecrets secrets = m_form->secrets();
    const QString dataDir = m_dataDir;
    const StorageConfig tested = *config;
    m_test->setEnabled(false);
    showResult(true, tr("Connecting…"));
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString error = watcher->result();
        watcher->deleteLater();
        m_test->setEnabled(true);
        showResult(error.isEmpty(), error.isEmpty() ? tr("The storage answers and accepts the credentials.") : error);
    });
    watcher->setFuture(QtConcurrent::run([tested, secrets, dataDir]() -> QString {
        StorageSecrets used = secrets;
        if (used.secret.isEmpty()) { // the stored one
            Result<StorageSecrets> stored
                = StorageSecrets::resolve(tested, StorageConfig::pathIn(dataDir), StorageSecrets::Role::Current);
            if (!stored)
                return stored.error().message();
            used = *stored;
        }
        Result<std::unique_ptr<BlobStore>> store = BlobStoreFactory::create(tested, used, dataDir);
        return store ? QString() : store.error().message();
    }));
}

void StorageSettingsDialog::apply()
{
    Result<StorageConfig> config = m_form->config();
    if (!config)
        return showResult(false, config.error().message());
    if (sameLocation(*config))
        return saveSameLocation(*config);
    if (config->isObjectStore() && !m_form->hasSecret())
        return showResult(false, tr("Enter the %1 of the new storage.").arg(config->secretLabel()));
    const QString question
        = tr("Copy every image to %1, check each copy, and keep the images there from now on?").arg(config->describe());
    if (QMessageBox::question(this, windowTitle(), question) != QMessageBox::Yes)
        return;
    if (!config->isObjectStore())
        return startMove(*config);
    // The secret goes to the keychain before anything moves: if it cannot be kept safely, nothing happens.
    const StorageConfig target = *config;
    m_apply->setEnabled(false);
    StorageKeychain::write(StorageKeychain::keyFor(m_dataDir, target), m_form->secrets(), this,
                           [this, target](Status stored) {
                               m_apply->setEnabled(true);
                               if (!stored)
                                   return showResult(false, stored.error().message());
                               startMove(target);
                           });
}

void StorageSettingsDialog::startMove(const StorageConfig& target)
{
    StorageMigrationTask::Setup setup;
    setup.registry = m_registry;
    setup.target = target;
    setup.secrets = m_form->secrets();
    setup.removeOld = m_removeOld->isChecked();
    Task* task = m_tasks->start(StorageMigrationTask::create(setup));
    showResult(true, tr("Moving the images: follow it in the Tasks panel. You may close this window."));
    m_apply->setEnabled(false);
    const bool removeOld = setup.removeOld;
    const QString where = target.describe();
    // The task outlives this dialog; the answer goes to whatever window is active then.
    QObject::connect(task, &Task::finished, qApp, [task, removeOld, where](bool succeeded) {
        if (!succeeded)
            return; // the Tasks panel shows the error and offers a retry, which resumes
        const QString message = QCoreApplication::translate("StorageSettingsDialog",
                                                            "Every image is now kept in %1. Restart the application "
                                                            "to use it.")
                                    .arg(where);
        QWidget* parent = QApplication::activeWindow();
        if (removeOld) {
            QMessageBox::information(
                parent, QCoreApplication::translate("StorageSettingsDialog", "Image storage"),
                message + u' '
                    + QCoreApplication::translate("StorageSettingsDialog",
                                                  "The old copies are removed, so it restarts now."));
        } else if (QMessageBox::question(parent, QCoreApplication::translate("StorageSettingsDialog", "Image storage"),
                                         message + u' '
                                             + QCoreApplication::translate("StorageSettingsDialog", "Restart now?"))
                   != QMessageBox::Yes) {
            return;
        }
        Q_UNUSED(task)
        QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
        QCoreApplication::quit();
    });
}

void StorageSettingsDialog::saveSameLocation(const StorageConfig& target)
{
    const QString path = StorageConfig::pathIn(m_dataDir);
    const auto save = [this, target, path] {
        if (Status saved = target.save(path); !saved)
            return showResult(false, saved.error().message());
        m_current = target;
        showResult(true, tr("Saved. The new settings apply from the next start."));
    };
    if (!target.isObjectStore() || !m_form->hasSecret())
        return save();
    StorageKeychain::write(StorageKeychain::keyFor(m_dataDir, target), m_form->secrets(), this,
                           [this, save](Status stored) {
                               if (!stored)
                                   return showResult(false, stored.error().message());
                               save();
                           });
}

} // namespace sreg
