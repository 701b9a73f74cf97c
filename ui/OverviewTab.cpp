#include "OverviewTab.h"

#include "CommandField.h"
#include "Format.h"
#include "RegistrySource.h"

#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace sreg {

OverviewTab::OverviewTab(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_reference = addRow(form, tr("Reference:"));
    m_digest = new CommandField(tr("digest"), this);
    form->addRow(tr("Digest:"), m_digest);
    m_size = addRow(form, tr("Size:"));
    m_arch = addRow(form, tr("Architecture:"));
    m_uploaded = addRow(form, tr("Uploaded:"));
    m_built = addRow(form, tr("Built:"));
    m_downloads = addRow(form, tr("Downloads:"));
    m_state = addRow(form, tr("State:"));
    m_tags = addRow(form, tr("Tags on this image:"));
    layout->addLayout(form);

    auto* pull = new QGroupBox(tr("Pull it"), this);
    auto* pullForm = new QFormLayout(pull);
    m_apptainer = new CommandField(tr("apptainer pull command"), pull);
    m_singularity = new CommandField(tr("singularity pull command"), pull);
    m_sregistry = new CommandField(tr("sregistry pull command"), pull);
    pullForm->addRow(tr("Apptainer:"), m_apptainer);
    pullForm->addRow(tr("Singularity:"), m_singularity);
    pullForm->addRow(tr("sregistry client:"), m_sregistry);
    layout->addWidget(pull);
    layout->addStretch(1);
    for (CommandField* field : { m_digest, m_apptainer, m_singularity, m_sregistry })
        connect(field, &CommandField::copied, this, &OverviewTab::copied);
    clear();
}

OverviewTab::~OverviewTab() = default;

QLabel* OverviewTab::addRow(QFormLayout* form, const QString& label)
{
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(label, value);
    return value;
}

void OverviewTab::setTag(RegistrySource* source, const TagRecord& tag, const QStringList& sameImageTags)
{
    const ImageRecord& image = tag.image;
    m_reference->setText(QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name));
    m_digest->setText(image.digest);
    m_size->setText(tr("%1 (%2 bytes)").arg(Format::bytes(image.size)).arg(image.size));
    m_arch->setText(image.arch);
    m_uploaded->setText(image.uploadedBy.isEmpty()
                            ? Format::dateTime(image.createdAt)
                            : tr("%1 by %2").arg(Format::dateTime(image.createdAt), image.uploadedBy));
    m_downloads->setText(image.lastPulledAt
                             ? tr("%1, last on %2").arg(image.downloads).arg(Format::dateTime(*image.lastPulledAt))
                             : QString::number(image.downloads));
    QStringList state;
    state.append(tag.frozen ? tr("frozen (this tag never moves)") : tr("movable tag"));
    state.append(image.isSigned ? tr("signed") : tr("not signed"));
    if (image.collectionPrivate)
        state.append(tr("private collection"));
    m_state->setText(state.join(QStringLiteral(", ")));
    m_tags->setText(sameImageTags.join(QStringLiteral(", ")));
    const QString reference = source ? source->pullReference(tag) : QString();
    const QString file = QStringLiteral("%1_%2.sif").arg(tag.container, tag.name);
    m_apptainer->setText(QStringLiteral("apptainer pull %1 %2").arg(file, reference));
    m_singularity->setText(QStringLiteral("singularity pull %1 %2").arg(file, reference));
    m_sregistry->setText(QStringLiteral("sregistry pull %1/%2:%3").arg(tag.collection, tag.container, tag.name));
    m_built->clear();
}

void OverviewTab::setSifJson(const QJsonObject& sif)
{
    const QJsonObject header = sif.value(QStringLiteral("header")).toObject();
    const QJsonValue created = header.value(QStringLiteral("createdAt"));
    if (created.isDouble() && created.toDouble() > 0)
        m_built->setText(Format::dateTime(qint64(created.toDouble()) * 1000));
    else
        m_built->setText(tr("unknown"));
}

void OverviewTab::clear()
{
    for (QLabel* label : { m_reference, m_size, m_arch, m_uploaded, m_built, m_downloads, m_state, m_tags })
        label->clear();
    for (CommandField* field : { m_digest, m_apptainer, m_singularity, m_sregistry })
        field->setText({});
}

QString OverviewTab::apptainerCommand() const
{
    return m_apptainer->text();
}

} // namespace sreg
