#pragma once

#include "UploadCandidate.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTableView;

namespace sreg {

class UploadPlanModel;

// One dialog for everything dropped at once: each accepted file with the container:tag proposed for it
// (editable in the table), each refused one with the reason. Accepting starts one upload task per file.
class UploadDialog final : public QDialog
{
    Q_OBJECT

public:
    UploadDialog(const QString& target, const QList<UploadCandidate>& candidates, QWidget* parent = nullptr);
    ~UploadDialog() override;
    Q_DISABLE_COPY_MOVE(UploadDialog)

    UploadPlanModel* plan() const;
    QList<UploadCandidate> uploads() const;

private:
    void updateState();

    UploadPlanModel* m_plan;
    QTableView* m_table;
    QLabel* m_summary;
    QDialogButtonBox* m_buttons;
};

} // namespace sreg
