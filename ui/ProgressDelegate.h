#pragma once

#include <QStyledItemDelegate>

namespace sreg {

// Paints TaskModel's progress column as a progress bar (ProgressRole), with the model's text on it.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(QObject* parent = nullptr);
    ~ProgressDelegate() override;
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace sreg
