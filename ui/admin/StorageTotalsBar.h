#pragma once

#include <QWidget>

namespace sreg {

// The registry's blob store in one bar: the bytes images still reference, and the bytes garbage collection
// would give back, with the total stored.
class StorageTotalsBar final : public QWidget
{
    Q_OBJECT

public:
    explicit StorageTotalsBar(QWidget* parent = nullptr);

    void setTotals(qint64 referenced, qint64 stored, qint64 reclaimable);
    QString summary() const; // the sentence under the bar

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    qint64 m_referenced = 0;
    qint64 m_stored = 0;
    qint64 m_reclaimable = 0;
};

} // namespace sreg
