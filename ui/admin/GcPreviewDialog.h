#pragma once

#include "registry/MaintenanceService.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableView;

namespace sreg {

class GcBlobsModel;

// The dry run's answer before anything is deleted: which blobs no image references any more and how many
// bytes they hold. Accepting asks for the real collection (the caller runs it as a Task).
class GcPreviewDialog final : public QDialog
{
    Q_OBJECT

public:
    GcPreviewDialog(const GcReport& report, QWidget* parent = nullptr);

    GcBlobsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPushButton* deleteButton() const { return m_delete; }
    QString summary() const;

private:
    GcBlobsModel* m_model;
    QTableView* m_view;
    QLabel* m_summary;
    QPushButton* m_delete;
};

} // namespace sreg
