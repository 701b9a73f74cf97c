#pragma once

#include "AdminPage.h"
#include "admin/AuditFilter.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace sreg {

class AdminTableView;
class AuditExporter;
class AuditModel;

// The audit log: who did what and how it ended, filtered by actor, action, outcome, text and dates, loaded
// page by page as the table scrolls, and exported as CSV.
class AuditPage final : public AdminPage
{
    Q_OBJECT

public:
    AuditPage(RegistrySource* source, QWidget* parent = nullptr);

    AuditModel* model() const { return m_model; }
    AuditExporter* exporter() const { return m_exporter; }
    AdminTableView* view() const { return m_view; }
    QComboBox* actorBox() const { return m_actor; }
    QComboBox* actionBox() const { return m_action; }
    QComboBox* outcomeBox() const { return m_outcome; }
    QLineEdit* textEdit() const { return m_text; }
    QCheckBox* sinceBox() const { return m_sinceEnabled; }
    QDateEdit* sinceEdit() const { return m_since; }
    QCheckBox* untilBox() const { return m_untilEnabled; }
    QDateEdit* untilEdit() const { return m_until; }
    QPushButton* exportButton() const { return m_export; }
    AuditFilter currentFilter() const; // what the fields say now

public Q_SLOTS:
    void refresh() override;
    void applyFilter(); // at once, without waiting for the typing pause
    void chooseExportFile();
    void exportCsv(const QString& path);

private:
    void updateSuggestions();
    void updateCount();

    AuditModel* m_model;
    AuditExporter* m_exporter;
    AdminTableView* m_view;
    QComboBox* m_actor;
    QComboBox* m_action;
    QComboBox* m_outcome;
    QLineEdit* m_text;
    QCheckBox* m_sinceEnabled;
    QDateEdit* m_since;
    QCheckBox* m_untilEnabled;
    QDateEdit* m_until;
    QPushButton* m_export;
    QLabel* m_count;
    QTimer* m_debounce;
};

} // namespace sreg
