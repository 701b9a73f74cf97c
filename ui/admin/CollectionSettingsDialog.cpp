#include "CollectionSettingsDialog.h"

#include "InlineMessage.h"
#include "MembersEditor.h"
#include "QuotaEdit.h"
#include "RegistrySource.h"
#include "admin/AdminFormat.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sreg {

CollectionSettingsDialog::CollectionSettingsDialog(RegistrySource* source, const QString& collection, QWidget* parent)
    : QDialog(parent)
    , m_source(source)
    , m_name(collection)
    , m_message(new InlineMessage(this))
    , m_tabs(new QTabWidget(this))
    , m_description(new QLineEdit(this))
    , m_private(new QCheckBox(tr("Private: only owners, contributors and administrators see and pull it"), this))
    , m_contributorsPush(new QCheckBox(tr("Contributors may push images"), this))
    , m_quota(new QuotaEdit(this))
    , m_usage(new QLabel(this))
    , m_members(new MembersEditor(source, collection, m_message, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("collectionSettingsDialog"));
    setWindowTitle(tr("Settings of %1").arg(collection));
    m_description->setAccessibleName(tr("Description"));

    auto* general = new QWidget(this);
    auto* form = new QFormLayout(general);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Visibility:"), m_private);
    form->addRow(tr("Contributors:"), m_contributorsPush);
    form->addRow(tr("&Quota:"), m_quota);
    form->addRow(tr("Usage:"), m_usage);
    m_tabs->addTab(general, tr("&General"));
    m_tabs->addTab(m_members, tr("&Members"));

    const bool canEdit = source->supports(RegistrySource::Feature::EditCollections);
    general->setEnabled(false); // until the collection is loaded
    if (!canEdit)
        general->setToolTip(source->unsupportedReason(RegistrySource::Feature::EditCollections));
    if (!source->supports(RegistrySource::Feature::Members)) {
        m_tabs->setTabEnabled(1, false);
        m_tabs->setTabToolTip(1, source->unsupportedReason(RegistrySource::Feature::Members));
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_buttons);

    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, &CollectionSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CollectionSettingsDialog::reject);
    connect(m_description, &QLineEdit::textChanged, this, &CollectionSettingsDialog::updateButtons);
    connect(m_private, &QCheckBox::toggled, this, &CollectionSettingsDialog::updateButtons);
    connect(m_contributorsPush, &QCheckBox::toggled, this, &CollectionSettingsDialog::updateButtons);
    connect(m_quota, &QuotaEdit::valueChanged, this, &CollectionSettingsDialog::updateButtons);
    resize(560, 440);
    updateButtons();
    load();
}

void CollectionSettingsDialog::load()
{
    CollectionQuery query;
    query.filter = m_name;
    m_source->collections(query, this, [this](Result<QList<CollectionRecord>> found) {
        if (!found)
            return m_message->showError(tr("Could not read %1: %2").arg(m_name, found.error().message()));
        for (const CollectionRecord& record : found.value()) {
            if (record.name == m_name) {
                display(record);
                m_loaded = true;
                m_tabs->widget(0)->setEnabled(m_source->supports(RegistrySource::Feature::EditCollections));
                updateButtons();
                Q_EMIT loaded();
                return;
            }
        }
        m_message->showError(tr("Collection %1 no longer exists").arg(m_name));
    });
}

void CollectionSettingsDialog::display(const CollectionRecord& record)
{
    m_record = record;
    m_description->setText(record.description);
    m_private->setChecked(record.isPrivate);
    m_contributorsPush->setChecked(record.contributorsCanPush);
    m_quota->setValue(record.quotaBytes);
    QString usage = tr("%1 in %n image(s)", nullptr, int(record.imageCount)).arg(AdminFormat::bytes(record.totalBytes));
    if (record.quotaBytes && *record.quotaBytes > 0)
        usage += u' '
            + tr("(%1 of the quota)").arg(AdminFormat::percent(double(record.totalBytes) / double(*record.quotaBytes)));
    m_usage->setText(usage);
}

CollectionUpdate CollectionSettingsDialog::changes() const
{
    CollectionUpdate update;
    if (!m_loaded)
        return update;
    if (m_description->text().trimmed() != m_record.description)
        update.description = m_description->text().trimmed();
    if (m_private->isChecked() != m_record.isPrivate)
        update.isPrivate = m_private->isChecked();
    if (m_contributorsPush->isChecked() != m_record.contributorsCanPush)
        update.contributorsCanPush = m_contributorsPush->isChecked();
    if (m_quota->value() != m_record.quotaBytes)
        update.quotaBytes = m_quota->value();
    return update;
}

void CollectionSettingsDialog::save()
{
    const CollectionUpdate update = changes();
    if (m_busy || (!update.description && !update.isPrivate && !update.contributorsCanPush && !update.quotaBytes))
        return;
    m_busy = true;
    updateButtons();
    m_source->updateCollection(m_name, update, this, [this](Result<CollectionRecord> updated) {
        m_busy = false;
        if (!updated) {
            updateButtons();
            return m_message->showError(tr("Could not save the settings: %1").arg(updated.error().message()));
        }
        CollectionRecord record = updated.value();
        if (record.imageCount == 0 && record.totalBytes == 0) {
            record.imageCount = m_record.imageCount;
            record.totalBytes = m_record.totalBytes;
        }
        display(record);
        updateButtons();
        m_message->showMessage(tr("Settings saved."), InlineMessage::Kind::Success);
        Q_EMIT saved(record);
    });
}

void CollectionSettingsDialog::updateButtons()
{
    const CollectionUpdate update = changes();
    const bool changed = update.description || update.isPrivate || update.contributorsCanPush || update.quotaBytes;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(m_loaded && !m_busy && changed);
}

} // namespace sreg
