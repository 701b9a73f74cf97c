#pragma once

#include "AdminPage.h"
#include "registry/MaintenanceService.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;

namespace sreg {

class AdminTableView;
class MaintenanceRunner;
class StorageChart;
class StorageTotalsBar;
class StorageUsageModel;
class Task;
class TaskManager;

// Where the bytes are: a chart of usage per collection against quotas, the store's referenced, stored and
// reclaimable bytes, garbage collection with a preview first, and verification. Both run as Tasks.
class StoragePage final : public AdminPage
{
    Q_OBJECT

public:
    StoragePage(RegistrySource* source, TaskManager* tasks, QWidget* parent = nullptr);

    StorageUsageModel* model() const { return m_model; }
    StorageChart* chart() const { return m_chart; }
    StorageTotalsBar* totals() const { return m_totals; }
    MaintenanceRunner* runner() const { return m_runner; }
    QPushButton* gcButton() const { return m_gc; }
    QPushButton* verifyButton() const { return m_verify; }
    QPushButton* cancelButton() const { return m_cancel; }
    QListWidget* problemList() const { return m_problems; }

public Q_SLOTS:
    void refresh() override;
    void previewGarbageCollection();
    void verify();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onGcFinished(const GcReport& report);
    void onVerifyFinished(const VerifyReport& report);
    void onTaskStarted(Task* task);
    void updateButtons();
    QString legend() const;

    StorageUsageModel* m_model;
    MaintenanceRunner* m_runner;
    StorageTotalsBar* m_totals;
    StorageChart* m_chart;
    AdminTableView* m_table;
    QTabWidget* m_tabs;
    QLabel* m_legend;
    QLabel* m_status;
    QListWidget* m_problems;
    QPushButton* m_gc;
    QPushButton* m_verify;
    QPushButton* m_cancel;
};

} // namespace sreg
