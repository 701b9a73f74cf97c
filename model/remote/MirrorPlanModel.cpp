#include "MirrorPlanModel.h"

#include "Format.h"

namespace sreg {

namespace {

const TagRecord& shown(const remote::MirrorAction& action)
{
    return action.source.name.isEmpty() ? action.target : action.source;
}

} // namespace

MirrorPlanModel::MirrorPlanModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MirrorPlanModel::setPlan(const remote::MirrorPlan& plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

QString MirrorPlanModel::summary() const
{
    using Kind = remote::MirrorAction::Kind;
    QString text = tr("%n image(s) to copy (up to %1)", nullptr, m_plan.count(Kind::Copy))
                       .arg(Format::bytes(m_plan.bytesToCopy()));
    text += tr(", %n to freeze", nullptr, m_plan.count(Kind::Freeze));
    text += tr(", %n to delete", nullptr, m_plan.count(Kind::Delete));
    text += tr(", %n frozen and kept", nullptr, m_plan.count(Kind::KeepFrozen));
    text += tr(", %n unchanged", nullptr, m_plan.unchanged);
    if (m_plan.createCollection)
        text.prepend(tr("The collection %1 will be created. ").arg(m_plan.collection));
    return text;
}

int MirrorPlanModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_plan.actions.size());
}

int MirrorPlanModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MirrorPlanModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const remote::MirrorAction& action = m_plan.actions.at(index.row());
    const TagRecord& tag = shown(action);
    using Kind = remote::MirrorAction::Kind;
    if (role == KindRole)
        return int(action.kind);
    if (role == RawSizeRole)
        return action.kind == Kind::Copy && action.needsBytes ? action.source.image.size : qint64(0);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case ActionColumn:
        switch (action.kind) {
        case Kind::Copy:
            return action.replaces ? tr("Replace") : tr("Copy");
        case Kind::Freeze:
            return tr("Freeze");
        case Kind::Delete:
            return tr("Delete");
        case Kind::KeepFrozen:
            return tr("Keep (frozen)");
        }
        return {};
    case TagColumn: {
        const QString arch = tag.arch.isEmpty() ? tag.image.arch : tag.arch;
        return arch.isEmpty() ? QStringLiteral("%1:%2").arg(tag.container, tag.name)
                              : QStringLiteral("%1:%2 [%3]").arg(tag.container, tag.name, arch);
    }
    case DigestColumn:
        return role == Qt::ToolTipRole ? tag.image.digest : tag.image.digest.left(19);
    case SizeColumn:
        return action.kind == Kind::Copy && action.needsBytes ? Format::bytes(action.source.image.size) : QString();
    case NoteColumn:
        if (action.kind == Kind::KeepFrozen)
            return action.source.name.isEmpty() ? tr("frozen here, gone from the source")
                                                : tr("frozen here, the source has another image");
        if (action.kind == Kind::Copy && !action.needsBytes)
            return tr("image already there: tag only");
        if (action.kind == Kind::Copy && action.source.frozen)
            return tr("frozen at the source: frozen here too");
        return {};
    default:
        return {};
    }
}

QVariant MirrorPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ActionColumn:
        return tr("Action");
    case TagColumn:
        return tr("Tag");
    case DigestColumn:
        return tr("Image");
    case SizeColumn:
        return tr("Bytes");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace sreg
