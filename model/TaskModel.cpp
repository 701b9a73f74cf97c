#include "TaskModel.h"

#include "Format.h"
#include "Task.h"
#include "TaskManager.h"

namespace sreg {

TaskModel::TaskModel(TaskManager* manager, QObject* parent) : QAbstractTableModel(parent), m_manager(manager)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &TaskModel::refreshRunning);
    if (!manager)
        return;
    for (Task* task : manager->tasks())
        addTask(task);
    connect(manager, &TaskManager::taskAdded, this, &TaskModel::addTask);
    connect(manager, &TaskManager::taskRemoved, this, &TaskModel::removeTask);
}

TaskModel::~TaskModel() = default;

int TaskModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tasks.size());
}

int TaskModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TaskModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task* task = m_tasks.at(index.row());
    const int percent = task->total() > 0 ? int(task->done() * 100 / task->total()) : -1;
    switch (role) {
    case TaskRole:
        return QVariant::fromValue(static_cast<QObject*>(const_cast<Task*>(task)));
    case ProgressRole:
        return task->state() == Task::State::Succeeded ? 100 : percent;
    case StateRole:
        return int(task->state());
    case CanCancelRole:
        return !task->isFinished();
    case CanRetryRole:
        return task->state() == Task::State::Failed || task->state() == Task::State::Cancelled;
    case Qt::ToolTipRole:
        if (!task->errorMessage().isEmpty())
            return tr("%1\n%2").arg(task->title(), task->errorMessage());
        return task->title();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TitleColumn:
        return task->title();
    case ProgressColumn:
        if (task->total() > 0)
            return tr("%1 of %2").arg(Format::bytes(task->done()), Format::bytes(task->total()));
        return task->done() > 0 ? Format::bytes(task->done()) : QString();
    case SpeedColumn:
        return Format::speed(task->bytesPerSecond());
    case EtaColumn:
        return Format::duration(task->etaSeconds());
    case StateColumn:
        return stateText(task);
    default:
        return {};
    }
}

QVariant TaskModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Task");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

Task* TaskModel::taskAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_tasks.size())
        return nullptr;
    return m_tasks.at(index.row());
}

QModelIndex TaskModel::indexOf(Task* task, int column) const
{
    const qsizetype row = m_tasks.indexOf(task);
    return row < 0 ? QModelIndex() : index(int(row), column);
}

void TaskModel::addTask(Task* task)
{
    if (m_tasks.contains(task))
        return;
    const int row = int(m_tasks.size());
    beginInsertRows({}, row, row);
    m_tasks.append(task);
    endInsertRows();
    connect(task, &Task::stateChanged, this, [this, task] { taskChanged(task); });
    connect(task, &Task::progressChanged, this, [this, task] { taskChanged(task); });
    connect(task, &Task::statusTextChanged, this, [this, task] { taskChanged(task); });
    if (!m_ticker.isActive())
        m_ticker.start();
}

void TaskModel::removeTask(Task* task)
{
    const qsizetype row = m_tasks.indexOf(task);
    if (row < 0)
        return;
    disconnect(task, nullptr, this, nullptr);
    beginRemoveRows({}, int(row), int(row));
    m_tasks.removeAt(row);
    endRemoveRows();
}

void TaskModel::taskChanged(Task* task)
{
    const qsizetype row = m_tasks.indexOf(task);
    if (row >= 0)
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
    if (task->state() == Task::State::Running && !m_ticker.isActive())
        m_ticker.start();
}

void TaskModel::refreshRunning()
{
    bool anyRunning = false;
    for (int row = 0; row < m_tasks.size(); ++row) {
        if (m_tasks.at(row)->state() != Task::State::Running)
            continue;
        anyRunning = true;
        Q_EMIT dataChanged(index(row, SpeedColumn), index(row, EtaColumn), { Qt::DisplayRole });
    }
    if (!anyRunning)
        m_ticker.stop();
}

QString TaskModel::stateText(const Task* task) const
{
    if (!task->statusText().isEmpty() && !task->isFinished())
        return task->statusText();
    switch (task->state()) {
    case Task::State::Queued:
        return tr("Queued");
    case Task::State::Running:
        return task->total() > 0 ? tr("%1 %").arg(task->done() * 100 / task->total()) : tr("Running");
    case Task::State::Succeeded:
        return tr("Done");
    case Task::State::Failed:
        return tr("Failed: %1").arg(task->errorMessage());
    case Task::State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

} // namespace sreg
