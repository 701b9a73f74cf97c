#pragma once

#include "UploadCandidate.h"

#include <QAbstractTableModel>
#include <QList>

namespace sreg {

// The upload dialog's table: one row per dropped file, the container and tag editable for the files that will
// go, the refused ones shown with their reason. Names are checked as they are typed (the registry's naming
// rule), so the dialog can refuse to start with a name the registry would refuse.
class UploadPlanModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FileColumn,
        SizeColumn,
        ContainerColumn,
        TagColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        AcceptedRole = Qt::UserRole + 1,
        ProblemRole, // why this row cannot go as it is (refusal or bad name); empty when it can
    };

    explicit UploadPlanModel(QObject* parent = nullptr);
    ~UploadPlanModel() override;
    Q_DISABLE_COPY_MOVE(UploadPlanModel)

    void setCandidates(const QList<UploadCandidate>& candidates);
    QList<UploadCandidate> candidates() const;
    // The accepted rows, with the names as edited.
    QList<UploadCandidate> uploads() const;
    int acceptedCount() const;
    int refusedCount() const;
    // Every accepted row has valid names and no two rows go to the same container:tag.
    bool isValid() const;
    QString problemOf(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    QList<UploadCandidate> m_rows;
    bool m_valid = true;
    void updateValidity();
};

} // namespace sreg
