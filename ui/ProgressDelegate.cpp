#include "ProgressDelegate.h"

#include "TaskModel.h"

#include <QApplication>
#include <QStyleOptionProgressBar>

namespace sreg {

ProgressDelegate::ProgressDelegate(QObject* parent) : QStyledItemDelegate(parent) { }

ProgressDelegate::~ProgressDelegate() = default;

void ProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int percent = index.data(TaskModel::ProgressRole).toInt();
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 2, -2, -2);
    bar.minimum = 0;
    // An unknown total shows as a busy bar (maximum 0), as long as the task runs.
    const bool running = index.data(TaskModel::CanCancelRole).toBool();
    bar.maximum = percent < 0 && running ? 0 : 100;
    bar.progress = qMax(0, percent);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace sreg
