#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>

namespace sreg {

// The signature objects of an image, from the stored SIF JSON: which objects each signs, the signer's
// fingerprint, and whether the signed digests still match the image. Verifying the signature itself needs
// the signer's key, which the registry does not have; the model says so rather than claim more.
class SignaturesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        ObjectColumn,
        KindColumn,
        FingerprintColumn,
        TargetColumn,
        DigestsColumn,
        ColumnCount
    };
    enum Role
    {
        DigestsMatchRole = Qt::UserRole + 1,
        JsonRole, // the signature's JSON object
    };

    explicit SignaturesModel(QObject* parent = nullptr);
    ~SignaturesModel() override;
    Q_DISABLE_COPY_MOVE(SignaturesModel)

    void setSifJson(const QJsonObject& sif);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QJsonArray m_signatures;
};

} // namespace sreg
