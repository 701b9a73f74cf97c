#include "MirrorDialog.h"

#include "RegistrySource.h"
#include "Task.h"
#include "remote/CrossRegistryTransfer.h"
#include "remote/MirrorJob.h"
#include "remote/MirrorPlanModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

MirrorDialog::MirrorDialog(const QList<RegistrySource*>& sources, RegistrySource* from, const QString& collection,
                           TaskManager* tasks, QWidget* parent)
    : QDialog(parent)
    , m_tasks(tasks)
    , m_from(new QComboBox(this))
    , m_collection(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_prune(new QCheckBox(tr("&Delete tags the source no longer has (frozen tags are kept)"), this))
    , m_preview(new QPushButton(tr("&Preview"), this))
    , m_run(new QPushButton(tr("&Mirror"), this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_model(new MirrorPlanModel(this))
{
    setWindowTitle(tr("Mirror Collection"));
    for (RegistrySource* source : sources) {
        if (CrossRegistryTransfer::canTransfer(source))
            m_sources.append(source);
    }
    for (RegistrySource* source : std::as_const(m_sources)) {
        m_from->addItem(source->displayName());
        m_to->addItem(source->displayName());
    }
    m_from->setCurrentIndex(std::max(0, int(m_sources.indexOf(from))));
    m_to->setCurrentIndex(m_sources.size() > 1 && m_from->currentIndex() == 0 ? 1 : 0);
    m_collection->setEditable(true);
    m_collection->setCurrentText(collection);
    auto* form = new QFormLayout;
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&Collection:"), m_collection);
    form->addRow(tr("&To:"), m_to);
    form->addRow(QString(), m_prune);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setAccessibleName(tr("What the mirror would do"));
    m_summary->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_preview, QDialogButtonBox::ActionRole);
    buttons->addButton(m_run, QDialogButtonBox::AcceptRole);
    m_run->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(720, 480);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_preview, &QPushButton::clicked, this, &MirrorDialog::preview);
    connect(m_run, &QPushButton::clicked, this, &MirrorDialog::mirror);
    for (QComboBox* combo : { m_from, m_to })
        connect(combo, &QComboBox::currentIndexChanged, this, &MirrorDialog::selectionChanged);
    connect(m_collection, &QComboBox::currentTextChanged, this, &MirrorDialog::selectionChanged);
    connect(m_prune, &QCheckBox::toggled, this, &MirrorDialog::selectionChanged);
    // Offer the source's collections by name.
    if (RegistrySource* source = sourceAt(m_from))
        source->collections({}, this, [this](Result<QList<CollectionRecord>> collections) {
            if (!collections)
                return;
            const QString current = m_collection->currentText();
            for (const CollectionRecord& record : *collections)
                m_collection->addItem(record.name);
            m_collection->setCurrentText(current);
        });
}

MirrorDialog::~MirrorDialog() = default;

RegistrySource* MirrorDialog::sourceAt(const QComboBox* combo) const
{
    return m_sources.value(combo->currentIndex(), nullptr);
}

void MirrorDialog::choose(RegistrySource* from, const QString& collection, RegistrySource* to, bool prune)
{
    m_from->setCurrentIndex(int(m_sources.indexOf(from)));
    m_collection->setCurrentText(collection);
    m_to->setCurrentIndex(int(m_sources.indexOf(to)));
    m_prune->setChecked(prune);
}

void MirrorDialog::selectionChanged()
{
    // A preview holds for the choices it was made with only.
    m_run->setEnabled(false);
    m_model->setPlan({});
    m_summary->clear();
}

void MirrorDialog::preview()
{
    RegistrySource* from = sourceAt(m_from);
    RegistrySource* to = sourceAt(m_to);
    const QString collection = m_collection->currentText().trimmed();
    if (!from || !to || from == to || collection.isEmpty()) {
        m_summary->setText(tr("Choose a collection and two different registries."));
        Q_EMIT previewed(false);
        return;
    }
    m_job = std::make_unique<MirrorJob>(from, to, collection, m_prune->isChecked(), m_tasks);
    m_preview->setEnabled(false);
    m_summary->setText(tr("Comparing %1 on %2 and %3…").arg(collection, from->displayName(), to->displayName()));
    m_job->plan(this, [this](Result<remote::MirrorPlan> plan) {
        m_preview->setEnabled(true);
        if (!plan) {
            m_summary->setText(tr("Cannot preview: %1").arg(plan.error().message()));
            Q_EMIT previewed(false);
            return;
        }
        m_model->setPlan(*plan);
        m_table->resizeColumnsToContents();
        m_summary->setText(plan->isEmpty() ? tr("Nothing to do: both sides are the same.") : m_model->summary());
        m_run->setEnabled(!plan->isEmpty());
        Q_EMIT previewed(true);
    });
}

void MirrorDialog::mirror()
{
    if (!m_job || !m_run->isEnabled())
        return;
    m_task = m_job->run(m_model->plan());
    if (!m_task)
        return;
    // The job must outlive its task's start; the task holds what it needs from here on.
    m_job.release()->setParent(m_task);
    Q_EMIT started(m_task);
    accept();
}

} // namespace sreg
