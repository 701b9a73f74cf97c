#include "DetailPane.h"

#include "FilesTab.h"
#include "HistoryModel.h"
#include "LabelsModel.h"
#include "OverviewTab.h"
#include "RegistrySource.h"
#include "SignaturesModel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

namespace {

QPlainTextEdit* makeText(QWidget* parent, const QString& accessibleName)
{
    auto* text = new QPlainTextEdit(parent);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setAccessibleName(accessibleName);
    return text;
}

} // namespace

DetailPane::DetailPane(QWidget* parent)
    : QTabWidget(parent)
    , m_overview(new OverviewTab(this))
    , m_labels(new LabelsModel(this))
    , m_definition(makeText(this, tr("Definition file")))
    , m_scripts(makeText(this, tr("Runscript and environment")))
    , m_files(new FilesTab(this))
    , m_signatures(new SignaturesModel(this))
    , m_history(new HistoryModel(this))
{
    setDocumentMode(true);
    addTab(m_overview, tr("Overview"));
    addTab(makeTable(m_labels, tr("Labels")), tr("Labels"));
    addTab(m_definition, tr("Definition file"));
    addTab(m_scripts, tr("Runscript && environment"));
    addTab(m_files, tr("Files"));
    auto* signatures = new QWidget(this);
    auto* signaturesLayout = new QVBoxLayout(signatures);
    signaturesLayout->setContentsMargins(0, 0, 0, 0);
    signaturesLayout->addWidget(makeTable(m_signatures, tr("Signatures")), 1);
    m_signatureNote = new QLabel(signatures);
    m_signatureNote->setWordWrap(true);
    signaturesLayout->addWidget(m_signatureNote);
    addTab(signatures, tr("Signatures"));
    addTab(makeTable(m_history, tr("Tag history")), tr("History"));
    connect(m_overview, &OverviewTab::copied, this,
            [this](const QString& text) { Q_EMIT message(tr("Copied: %1").arg(text)); });
    connect(m_files, &FilesTab::message, this, &DetailPane::message);
    connect(m_history, &HistoryModel::loadFailed, this, &DetailPane::message);
    clear();
}

DetailPane::~DetailPane() = default;

QTableView* DetailPane::makeTable(QAbstractItemModel* model, const QString& accessibleName)
{
    auto* table = new QTableView(this);
    table->setModel(model);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

void DetailPane::setTag(RegistrySource* source, const TagRecord& tag, const QStringList& sameImageTags)
{
    const bool sameImage = m_hasTag && m_source == source && m_tag.image.digest == tag.image.digest
        && m_tag.collection == tag.collection && m_metadataLoaded;
    m_source = source;
    m_tag = tag;
    m_hasTag = true;
    setEnabled(true);
    m_overview->setTag(source, tag, sameImageTags);
    m_history->setTag(source, tag);
    m_files->setImage(source, tag.image);
    if (sameImage)
        return; // another tag of the same image: its SIF metadata is already shown
    const quint64 generation = ++m_generation;
    m_metadataLoaded = false;
    m_labels->clear();
    m_signatures->clear();
    m_definition->setPlainText(tr("Loading…"));
    m_scripts->clear();
    if (!source)
        return;
    source->imageMetadata(tag.image, this, [this, generation](Result<QJsonObject> sif) {
        if (generation != m_generation)
            return;
        if (!sif) {
            m_definition->setPlainText(tr("The image's metadata cannot be read: %1").arg(sif.error().message()));
            Q_EMIT message(sif.error().message());
            return;
        }
        applySif(*sif);
    });
}

void DetailPane::applySif(const QJsonObject& sif)
{
    const QJsonObject metadata = sif.value(QStringLiteral("metadata")).toObject();
    m_overview->setSifJson(sif);
    m_labels->setSifJson(sif);
    m_signatures->setSifJson(sif);
    const QString deffile = metadata.value(QStringLiteral("deffile")).toString();
    m_definition->setPlainText(deffile.isEmpty() ? tr("This image carries no definition file.") : deffile);
    m_scripts->setPlainText(scriptsOf(metadata));
    const int signatureCount = int(sif.value(QStringLiteral("signatures")).toArray().size());
    m_signatureNote->setText(
        signatureCount == 0
            ? tr("This image is not signed.")
            : tr("Digests are compared with what was signed. Verifying the signature itself needs the signer's public "
                 "key: use apptainer verify."));
    m_metadataLoaded = true;
    Q_EMIT metadataLoaded();
}

QString DetailPane::scriptsOf(const QJsonObject& metadata)
{
    QStringList sections;
    const auto add = [&sections](const QString& title, const QString& text) {
        if (!text.trimmed().isEmpty())
            sections.append(QStringLiteral("### %1\n%2").arg(title, text.trimmed()));
    };
    add(tr("Runscript"), metadata.value(QStringLiteral("runscript")).toString());
    add(tr("Start script"), metadata.value(QStringLiteral("startscript")).toString());
    add(tr("Test"), metadata.value(QStringLiteral("test")).toString());
    add(tr("Help"), metadata.value(QStringLiteral("help")).toString());
    const QJsonObject environment = metadata.value(QStringLiteral("environment")).toObject();
    for (auto it = environment.begin(); it != environment.end(); ++it)
        add(tr("Environment: %1").arg(it.key()), it.value().toString());
    return sections.isEmpty() ? tr("This image has no runscript or environment.")
                              : sections.join(QStringLiteral("\n\n"));
}

void DetailPane::clear()
{
    ++m_generation;
    m_hasTag = false;
    m_metadataLoaded = false;
    m_source = nullptr;
    m_tag = {};
    m_overview->clear();
    m_labels->clear();
    m_signatures->clear();
    m_history->clear();
    m_files->clear();
    m_definition->clear();
    m_scripts->clear();
    m_signatureNote->clear();
    setEnabled(false);
}

bool DetailPane::hasTag() const
{
    return m_hasTag;
}

TagRecord DetailPane::tag() const
{
    return m_tag;
}

bool DetailPane::isMetadataLoaded() const
{
    return m_metadataLoaded;
}

OverviewTab* DetailPane::overview() const
{
    return m_overview;
}

FilesTab* DetailPane::files() const
{
    return m_files;
}

LabelsModel* DetailPane::labels() const
{
    return m_labels;
}

HistoryModel* DetailPane::history() const
{
    return m_history;
}

QString DetailPane::definitionText() const
{
    return m_definition->toPlainText();
}

QString DetailPane::scriptsText() const
{
    return m_scripts->toPlainText();
}

} // namespace sreg
