#include "StoragePage.h"

#include "AdminColors.h"
#include "AdminTableView.h"
#include "CollectionSettingsDialog.h"
#include "GcPreviewDialog.h"
#include "InlineMessage.h"
#include "StorageChart.h"
#include "StorageTotalsBar.h"
#include "Task.h"
#include "admin/AdminFormat.h"
#include "admin/MaintenanceRunner.h"
#include "admin/StorageUsageModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace sreg {

StoragePage::StoragePage(RegistrySource* source, TaskManager* tasks, QWidget* parent)
    : AdminPage(source, parent)
    , m_model(new StorageUsageModel(source, this))
    , m_runner(new MaintenanceRunner(source, tasks, this))
    , m_totals(new StorageTotalsBar(this))
    , m_chart(new StorageChart(this))
    , m_table(new AdminTableView(tr("Storage used per collection"), this))
    , m_tabs(new QTabWidget(this))
    , m_legend(new QLabel(this))
    , m_status(new QLabel(this))
    , m_problems(new QListWidget(this))
    , m_gc(new QPushButton(tr("Preview &Garbage Collection…"), this))
    , m_verify(new QPushButton(tr("&Verify Storage"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
{
    setObjectName(QStringLiteral("storagePage"));
    m_chart->setModel(m_model);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(StorageUsageModel::SortRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StorageUsageModel::SizeColumn, Qt::DescendingOrder);
    m_table->setStretchColumn(StorageUsageModel::CollectionColumn);
    m_tabs->addTab(scroll, tr("C&hart"));
    m_tabs->addTab(m_table, tr("&Table"));
    m_legend->setText(legend());
    m_legend->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_problems->setAccessibleName(tr("Problems found by verification"));
    m_problems->hide();
    m_cancel->hide();
    m_gc->setToolTip(tr("Lists what garbage collection would delete; nothing is deleted until you confirm"));
    m_verify->setToolTip(tr("Re-hashes every stored image and checks that every recorded image has its bytes"));

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_gc);
    bar->addWidget(m_verify);
    bar->addWidget(m_cancel);
    bar->addWidget(m_status, 1);
    pageLayout()->addWidget(m_totals);
    pageLayout()->addLayout(bar);
    pageLayout()->addWidget(m_problems);
    pageLayout()->addWidget(m_tabs, 1);
    pageLayout()->addWidget(m_legend);

    connect(m_gc, &QPushButton::clicked, this, &StoragePage::previewGarbageCollection);
    connect(m_verify, &QPushButton::clicked, this, &StoragePage::verify);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (Task* task = m_runner->runningTask())
            task->cancel();
    });
    connect(m_model, &StorageUsageModel::totalsChanged, this, [this] {
        m_totals->setTotals(m_model->referencedBytes(), m_model->storedBytes(), m_model->reclaimableBytes());
    });
    connect(m_model, &StorageUsageModel::errorOccurred, message(), &InlineMessage::showError);
    connect(m_runner, &MaintenanceRunner::gcFinished, this, &StoragePage::onGcFinished);
    connect(m_runner, &MaintenanceRunner::verifyFinished, this, &StoragePage::onVerifyFinished);
    connect(m_runner, &MaintenanceRunner::started, this, &StoragePage::onTaskStarted);
    connect(m_runner, &MaintenanceRunner::runningChanged, this, &StoragePage::updateButtons);
    connect(m_runner, &MaintenanceRunner::failed, this, [this](const QString& error) {
        m_status->clear();
        message()->showError(error);
    });
    connect(m_chart, &StorageChart::collectionActivated, this, [this](const QString& collection) {
        auto* dialog = new CollectionSettingsDialog(this->source(), collection, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CollectionSettingsDialog::saved, m_model, &StorageUsageModel::reload);
        dialog->open();
    });
    updateButtons();
}

QString StoragePage::legend() const
{
    const QPalette& pal = palette();
    const auto swatch = [&](StorageUsageModel::QuotaLevel level, const QString& text) {
        return QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
            .arg(AdminColors::forLevel(level, pal).name(), text.toHtmlEscaped());
    };
    return QStringList { swatch(StorageUsageModel::QuotaLevel::NoQuota, tr("no quota")),
                         swatch(StorageUsageModel::QuotaLevel::Normal, tr("under 80 % of quota")),
                         swatch(StorageUsageModel::QuotaLevel::Warning, tr("80–90 %")),
                         swatch(StorageUsageModel::QuotaLevel::Critical, tr("90–100 %")),
                         swatch(StorageUsageModel::QuotaLevel::Full, tr("full: pushes refused")) }
        .join(QStringLiteral("&nbsp;&nbsp;&nbsp;"));
}

void StoragePage::changeEvent(QEvent* event)
{
    AdminPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_legend->setText(legend()); // the swatches follow a light/dark switch
}

void StoragePage::refresh()
{
    m_model->reload();
}

void StoragePage::updateButtons()
{
    const bool canRun = supports(RegistrySource::Feature::Storage) && !m_runner->isRunning();
    m_gc->setEnabled(canRun);
    m_verify->setEnabled(canRun);
    m_cancel->setVisible(m_runner->isRunning());
    if (!supports(RegistrySource::Feature::Storage)) {
        m_gc->setToolTip(source()->unsupportedReason(RegistrySource::Feature::Storage));
        m_verify->setToolTip(m_gc->toolTip());
    }
}

void StoragePage::previewGarbageCollection()
{
    message()->clear();
    m_runner->collectGarbage(true);
}

void StoragePage::verify()
{
    message()->clear();
    m_problems->clear();
    m_problems->hide();
    m_runner->verify();
}

void StoragePage::onTaskStarted(Task* task)
{
    m_status->setText(tr("%1: running (also listed in the Tasks panel)").arg(task->title()));
    connect(task, &Task::progressChanged, m_status, [this, task](qint64 done, qint64 total) {
        if (total > 0)
            m_status->setText(tr("%1: %2 %").arg(task->title()).arg(done * 100 / total));
    });
}

void StoragePage::onGcFinished(const GcReport& report)
{
    m_status->clear();
    if (report.dryRun) {
        auto* dialog = new GcPreviewDialog(report, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this] { m_runner->collectGarbage(false); });
        dialog->open();
        return;
    }
    QString text = tr("Garbage collection freed %1 (%n blob(s)).", nullptr, int(report.blobs.size()))
                       .arg(AdminFormat::bytes(report.bytes));
    if (!report.errors.isEmpty())
        text += u' ' + tr("Problems: %1").arg(report.errors.join(QStringLiteral("; ")));
    message()->showMessage(text, report.errors.isEmpty() ? InlineMessage::Kind::Success : InlineMessage::Kind::Warning);
    m_model->reload();
}

void StoragePage::onVerifyFinished(const VerifyReport& report)
{
    m_status->clear();
    if (report.ok()) {
        message()->showMessage(tr("Storage verified: %n blob(s), %1, all intact.", nullptr, int(report.blobsChecked))
                                   .arg(AdminFormat::bytes(report.bytesChecked)),
                               InlineMessage::Kind::Success);
        return;
    }
    for (const QString& digest : report.mismatched)
        m_problems->addItem(tr("Corrupt (bytes no longer match the digest): %1").arg(digest));
    for (const QString& digest : report.missing)
        m_problems->addItem(tr("Missing (recorded but not stored): %1").arg(digest));
    for (const QString& digest : report.unreadable)
        m_problems->addItem(tr("Unreadable: %1").arg(digest));
    m_problems->setMaximumHeight(m_problems->sizeHintForRow(0) * qMin(m_problems->count(), 8) + 8);
    m_problems->show();
    message()->showError(tr("Verification found %n problem(s) in %1 blob(s).", nullptr, int(m_problems->count()))
                             .arg(report.blobsChecked));
}

} // namespace sreg
