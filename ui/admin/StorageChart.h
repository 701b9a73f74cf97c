#pragma once

#include <QPointer>
#include <QWidget>

class QAbstractItemModel;

namespace sreg {

// Storage per collection as horizontal bars on one scale, largest first, so the big consumers stand out at
// a glance. A collection with a quota shows where its limit lies and takes the quota level's colour (80, 90
// and 100 % thresholds). Paints any model with StorageUsageModel's roles; clicking a bar emits its name.
class StorageChart final : public QWidget
{
    Q_OBJECT

public:
    explicit StorageChart(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    int rowAt(const QPoint& position) const; // -1 off the bars
    QRect barRect(int row) const; // where row's filled bar is painted (for tests and tooltips)

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void collectionActivated(const QString& collection);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    struct Row
    {
        QString name;
        qint64 bytes = 0;
        qint64 quota = -1;
        double fraction = -1;
        int level = 0;
    };

    struct Geometry
    {
        int labels = 0; // width of the name column
        int left = 0; // where the bars start
        int trackWidth = 0;
        qint64 scale = 1; // bytes at the track's right end
    };

    Row row(int index) const;
    Geometry geometry() const;
    QRect barRect(int index, const Geometry& geometry) const;
    int rowHeight() const;
    int labelWidth() const;
    qint64 scaleMax() const;
    QString caption(const Row& row) const;
    void modelChanged();

    QPointer<QAbstractItemModel> m_model;
};

} // namespace sreg
