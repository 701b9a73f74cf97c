#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace sreg {

// The labels of an image (key, value), from the SIF metadata the registry stored at push
// (SifImage::toJson()["metadata"]["labels"]), sorted by key.
class LabelsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        ColumnCount
    };

    explicit LabelsModel(QObject* parent = nullptr);
    ~LabelsModel() override;
    Q_DISABLE_COPY_MOVE(LabelsModel)

    // Takes the whole SIF JSON (or an empty object to clear).
    void setSifJson(const QJsonObject& sif);
    void clear();
    QString valueOf(const QString& key) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QPair<QString, QString>> m_labels;
};

} // namespace sreg
