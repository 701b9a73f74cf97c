#include "UploadPlanModel.h"

#include "Format.h"
#include "common/Names.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QSet>

namespace sreg {

UploadPlanModel::UploadPlanModel(QObject* parent) : QAbstractTableModel(parent) { }

UploadPlanModel::~UploadPlanModel() = default;

void UploadPlanModel::setCandidates(const QList<UploadCandidate>& candidates)
{
    beginResetModel();
    m_rows = candidates;
    endResetModel();
    updateValidity();
}

QList<UploadCandidate> UploadPlanModel::candidates() const
{
    return m_rows;
}

QList<UploadCandidate> UploadPlanModel::uploads() const
{
    QList<UploadCandidate> accepted;
    for (const UploadCandidate& c : m_rows) {
        if (c.accepted)
            accepted.append(c);
    }
    return accepted;
}

int UploadPlanModel::acceptedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const UploadCandidate& c) { return c.accepted; }));
}

int UploadPlanModel::refusedCount() const
{
    return int(m_rows.size()) - acceptedCount();
}

bool UploadPlanModel::isValid() const
{
    return m_valid;
}

QString UploadPlanModel::problemOf(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const UploadCandidate& c = m_rows.at(row);
    if (!c.accepted)
        return c.refusal;
    if (const QString why = Names::whyInvalid(c.container, tr("container")); !why.isEmpty())
        return why;
    if (const QString why = Names::whyInvalid(c.tag, tr("tag")); !why.isEmpty())
        return why;
    for (int other = 0; other < m_rows.size(); ++other) {
        const UploadCandidate& o = m_rows.at(other);
        if (other != row && o.accepted && o.container == c.container && o.tag == c.tag && o.arch == c.arch)
            return tr("Another file also goes to %1:%2").arg(c.container, c.tag);
    }
    return {};
}

int UploadPlanModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UploadPlanModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UploadPlanModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UploadCandidate& c = m_rows.at(index.row());
    const QString problem = problemOf(index.row());
    switch (role) {
    case AcceptedRole:
        return c.accepted;
    case ProblemRole:
        return problem;
    case Qt::ToolTipRole:
        if (index.column() == FileColumn)
            return c.path;
        return problem.isEmpty() ? QVariant() : QVariant(problem);
    case Qt::ForegroundRole:
        if (!c.accepted)
            return QBrush(QColor(0x9a, 0x9a, 0x9a));
        if (!problem.isEmpty()
            && (index.column() == ContainerColumn || index.column() == TagColumn || index.column() == StatusColumn))
            return QBrush(QColor(0xd0, 0x3b, 0x3b));
        return {};
    case Qt::EditRole:
    case Qt::DisplayRole:
        switch (index.column()) {
        case FileColumn:
            return QFileInfo(c.path).fileName();
        case SizeColumn:
            return role == Qt::DisplayRole ? QVariant(Format::bytes(c.size)) : QVariant(c.size);
        case ContainerColumn:
            return c.accepted ? c.container : QString();
        case TagColumn:
            return c.accepted ? c.tag : QString();
        case StatusColumn:
            if (!c.accepted)
                return tr("Refused: %1").arg(c.refusal);
            return problem.isEmpty() ? tr("Ready (%1)").arg(c.arch) : problem;
        }
        return {};
    default:
        return {};
    }
}

bool UploadPlanModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    UploadCandidate& c = m_rows[index.row()];
    if (!c.accepted)
        return false;
    // The rule is lower case: typing "LolCow" is taken as "lolcow" rather than refused.
    const QString text = value.toString().trimmed().toLower();
    if (index.column() == ContainerColumn)
        c.container = text;
    else if (index.column() == TagColumn)
        c.tag = text;
    else
        return false;
    // A duplicate elsewhere may have appeared or gone: every row's status may change.
    Q_EMIT dataChanged(this->index(0, 0), this->index(int(m_rows.size()) - 1, ColumnCount - 1));
    updateValidity();
    return true;
}

QVariant UploadPlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn:
        return tr("File");
    case SizeColumn:
        return tr("Size");
    case ContainerColumn:
        return tr("Container");
    case TagColumn:
        return tr("Tag");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags UploadPlanModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_rows.at(index.row()).accepted && (index.column() == ContainerColumn || index.column() == TagColumn))
        flags |= Qt::ItemIsEditable;
    return flags;
}

void UploadPlanModel::updateValidity()
{
    bool valid = acceptedCount() > 0;
    for (int row = 0; valid && row < m_rows.size(); ++row) {
        if (m_rows.at(row).accepted && !problemOf(row).isEmpty())
            valid = false;
    }
    if (valid == m_valid)
        return;
    m_valid = valid;
    Q_EMIT validityChanged(valid);
}

} // namespace sreg
