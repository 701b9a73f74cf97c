#include "SignaturesModel.h"

#include "Icons.h"

namespace sreg {

SignaturesModel::SignaturesModel(QObject* parent) : QAbstractTableModel(parent) { }

SignaturesModel::~SignaturesModel() = default;

void SignaturesModel::setSifJson(const QJsonObject& sif)
{
    beginResetModel();
    m_signatures = sif.value(QStringLiteral("signatures")).toArray();
    endResetModel();
}

void SignaturesModel::clear()
{
    setSifJson({});
}

int SignaturesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_signatures.size());
}

int SignaturesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SignaturesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject s = m_signatures.at(index.row()).toObject();
    const bool match = s.value(QStringLiteral("digestsMatch")).toBool();
    switch (role) {
    case DigestsMatchRole:
        return match;
    case JsonRole:
        return s;
    case Qt::DecorationRole:
        if (index.column() == DigestsColumn)
            return Icons::named(match ? QStringLiteral("ok") : QStringLiteral("error"));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DigestsColumn) {
            QStringList lines;
            for (const QJsonValue& m : s.value(QStringLiteral("mismatches")).toArray())
                lines.append(m.toString());
            if (lines.isEmpty())
                return tr("The digests in the signed metadata match the image. The signature itself is not checked "
                          "against a key: the registry has no keyring.");
            return lines.join(u'\n');
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ObjectColumn:
        return s.value(QStringLiteral("objectId")).toInteger();
    case KindColumn: {
        const QString hash = s.value(QStringLiteral("hashType")).toString();
        const QString kind = s.value(QStringLiteral("kind")).toString();
        return hash.isEmpty() ? kind : tr("%1 (%2)").arg(kind, hash);
    }
    case FingerprintColumn: {
        const QString fingerprint = s.value(QStringLiteral("fingerprint")).toString();
        return fingerprint.isEmpty() ? tr("(none)") : fingerprint;
    }
    case TargetColumn: {
        QStringList objects;
        for (const QJsonValue& id : s.value(QStringLiteral("coveredObjects")).toArray())
            objects.append(QString::number(id.toInteger()));
        const QString target = s.value(QStringLiteral("target")).toString();
        return objects.isEmpty() ? target : tr("%1 (objects %2)").arg(target, objects.join(QStringLiteral(", ")));
    }
    case DigestsColumn:
        if (!s.value(QStringLiteral("metadataParsed")).toBool() && !match)
            return tr("Not readable");
        return match ? tr("Match") : tr("Do not match");
    default:
        return {};
    }
}

QVariant SignaturesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ObjectColumn:
        return tr("Object");
    case KindColumn:
        return tr("Kind");
    case FingerprintColumn:
        return tr("Signer fingerprint");
    case TargetColumn:
        return tr("Signs");
    case DigestsColumn:
        return tr("Digests");
    default:
        return {};
    }
}

} // namespace sreg
