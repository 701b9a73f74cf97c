#include "TasksDock.h"

#include "ProgressDelegate.h"
#include "Task.h"
#include "TaskManager.h"
#include "TaskModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace sreg {

namespace {

QToolButton* makeButton(QWidget* parent, const QString& icon, const QString& text)
{
    auto* button = new QToolButton(parent);
    button->setIcon(QIcon(icon));
    button->setToolTip(text);
    button->setAccessibleName(text);
    button->setAutoRaise(true);
    return button;
}

} // namespace

TasksDock::TasksDock(TaskManager* manager, QWidget* parent)
    : QDockWidget(tr("Tasks"), parent)
    , m_manager(manager)
    , m_model(new TaskModel(manager, this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("TasksDock"));
    auto* content = new QWidget(this);
    auto* layout = new QHBoxLayout(content);
    layout->setContentsMargins(2, 2, 2, 2);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setItemDelegateForColumn(TaskModel::ProgressColumn, new ProgressDelegate(m_view));
    m_view->setAccessibleName(tr("Tasks"));
    m_view->header()->setSectionResizeMode(TaskModel::TitleColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->resizeSection(TaskModel::ProgressColumn, 200);
    m_view->header()->resizeSection(TaskModel::StateColumn, 220);
    layout->addWidget(m_view, 1);
    auto* buttons = new QVBoxLayout;
    m_cancel = makeButton(content, QStringLiteral(":/icons/cancel.svg"), tr("Cancel the selected tasks"));
    m_retry = makeButton(content, QStringLiteral(":/icons/retry.svg"), tr("Retry the selected tasks"));
    m_clear = makeButton(content, QStringLiteral(":/icons/clear.svg"), tr("Clear finished tasks"));
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setWidget(content);
    connect(m_cancel, &QToolButton::clicked, this, &TasksDock::cancelSelected);
    connect(m_retry, &QToolButton::clicked, this, &TasksDock::retrySelected);
    connect(m_clear, &QToolButton::clicked, this, &TasksDock::clearFinished);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TasksDock::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TasksDock::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TasksDock::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TasksDock::updateButtons);
    updateButtons();
}

TasksDock::~TasksDock() = default;

TaskModel* TasksDock::model() const
{
    return m_model;
}

QTreeView* TasksDock::view() const
{
    return m_view;
}

QList<Task*> TasksDock::selectedTasks() const
{
    QList<Task*> tasks;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        if (Task* task = m_model->taskAt(index))
            tasks.append(task);
    }
    return tasks;
}

void TasksDock::cancelSelected()
{
    for (Task* task : selectedTasks())
        task->cancel();
}

void TasksDock::retrySelected()
{
    for (Task* task : selectedTasks())
        m_manager->retry(task);
}

void TasksDock::clearFinished()
{
    m_manager->removeFinished();
}

void TasksDock::updateButtons()
{
    bool canCancel = false;
    bool canRetry = false;
    for (Task* task : selectedTasks()) {
        canCancel = canCancel || !task->isFinished();
        canRetry = canRetry || task->state() == Task::State::Failed || task->state() == Task::State::Cancelled;
    }
    bool anyFinished = false;
    for (Task* task : m_manager->tasks())
        anyFinished = anyFinished || task->isFinished();
    m_cancel->setEnabled(canCancel);
    m_retry->setEnabled(canRetry);
    m_clear->setEnabled(anyFinished);
}

} // namespace sreg
