#include "StorageChart.h"

#include "AdminColors.h"
#include "admin/AdminFormat.h"
#include "admin/StorageUsageModel.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace sreg {

namespace {
constexpr int Margin = 8;
constexpr int Gap = 10;
} // namespace

StorageChart::StorageChart(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("storageChart"));
    setAccessibleName(tr("Storage used per collection"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void StorageChart::setModel(QAbstractItemModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &StorageChart::modelChanged);
        connect(model, &QAbstractItemModel::layoutChanged, this, &StorageChart::modelChanged);
        connect(model, &QAbstractItemModel::rowsInserted, this, &StorageChart::modelChanged);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &StorageChart::modelChanged);
        connect(model, &QAbstractItemModel::dataChanged, this, &StorageChart::modelChanged);
    }
    modelChanged();
}

void StorageChart::modelChanged()
{
    updateGeometry();
    update();
    // The chart speaks to screen readers through its description: the top collections in words.
    QStringList parts;
    const int count = m_model ? qMin(m_model->rowCount(), 5) : 0;
    for (int i = 0; i < count; ++i)
        parts << caption(row(i)).prepend(row(i).name + QStringLiteral(": "));
    setAccessibleDescription(parts.join(QStringLiteral("; ")));
}

StorageChart::Row StorageChart::row(int index) const
{
    Row row;
    if (!m_model)
        return row;
    const QModelIndex cell = m_model->index(index, 0);
    row.name = cell.data(Qt::DisplayRole).toString();
    row.bytes = cell.data(StorageUsageModel::BytesRole).toLongLong();
    row.quota = cell.data(StorageUsageModel::QuotaRole).toLongLong();
    row.fraction = cell.data(StorageUsageModel::FractionRole).toDouble();
    row.level = int(cell.data(StorageUsageModel::LevelRole).value<StorageUsageModel::QuotaLevel>());
    return row;
}

int StorageChart::rowHeight() const
{
    return fontMetrics().height() * 2 + 6;
}

int StorageChart::labelWidth() const
{
    int widest = 0;
    const int count = m_model ? m_model->rowCount() : 0;
    for (int i = 0; i < count; ++i)
        widest = qMax(widest, fontMetrics().horizontalAdvance(row(i).name));
    // A few pixels of slack: elidedText measures slightly differently from horizontalAdvance.
    return qMin(widest + 4, width() / 3);
}

qint64 StorageChart::scaleMax() const
{
    qint64 largest = 1;
    const int count = m_model ? m_model->rowCount() : 0;
    for (int i = 0; i < count; ++i) {
        const Row r = row(i);
        largest = qMax(largest, qMax(r.bytes, r.quota));
    }
    return largest;
}

QString StorageChart::caption(const Row& row) const
{
    if (row.quota < 0)
        return AdminFormat::bytes(row.bytes);
    return tr("%1 of %2 (%3)")
        .arg(AdminFormat::bytes(row.bytes), AdminFormat::bytes(row.quota), AdminFormat::percent(row.fraction));
}

QSize StorageChart::sizeHint() const
{
    const int count = m_model ? m_model->rowCount() : 0;
    return { 480, 2 * Margin + qMax(count, 1) * rowHeight() };
}

QSize StorageChart::minimumSizeHint() const
{
    return { 200, 2 * Margin + rowHeight() };
}

StorageChart::Geometry StorageChart::geometry() const
{
    Geometry geometry;
    geometry.labels = labelWidth();
    geometry.left = Margin + geometry.labels + Gap;
    geometry.trackWidth = qMax(10, width() - geometry.left - Margin);
    geometry.scale = scaleMax();
    return geometry;
}

QRect StorageChart::barRect(int index) const
{
    return barRect(index, geometry());
}

QRect StorageChart::barRect(int index, const Geometry& geometry) const
{
    const int top = Margin + index * rowHeight() + fontMetrics().height() / 2;
    const qint64 bytes = row(index).bytes;
    const int length = int(double(geometry.trackWidth) * double(bytes) / double(geometry.scale));
    return { geometry.left, top, qMax(bytes > 0 ? 2 : 0, length), fontMetrics().height() };
}

int StorageChart::rowAt(const QPoint& position) const
{
    const int count = m_model ? m_model->rowCount() : 0;
    if (position.y() < Margin)
        return -1;
    const int index = (position.y() - Margin) / rowHeight();
    return index < count ? index : -1;
}

void StorageChart::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const int count = m_model ? m_model->rowCount() : 0;
    if (count == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No collections use any storage yet"));
        return;
    }
    const Geometry g = geometry();
    const int labels = g.labels;
    const int left = g.left;
    const int trackWidth = g.trackWidth;
    const qint64 scale = g.scale;
    // Only the rows the exposed area shows: the chart may sit in a scroll area with thousands of rows.
    const int first = qMax(0, rowAt(event->rect().topLeft()));
    const int last = rowAt(event->rect().bottomLeft()) < 0 ? count - 1 : rowAt(event->rect().bottomLeft());
    for (int i = first; i <= last; ++i) {
        const Row r = row(i);
        const QRect bar = barRect(i, g);
        const QColor colour = AdminColors::forLevel(StorageUsageModel::QuotaLevel(r.level), pal);

        painter.setPen(pal.color(QPalette::WindowText));
        const QRect label(Margin, bar.top(), labels, bar.height());
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         fontMetrics().elidedText(r.name, Qt::ElideMiddle, labels));

        QPainterPath track;
        track.addRoundedRect(QRectF(left, bar.top(), trackWidth, bar.height()), 3, 3);
        painter.fillPath(track, AdminColors::faint(colour, pal));
        QPainterPath filled;
        filled.addRoundedRect(QRectF(bar), 3, 3);
        painter.fillPath(filled, colour);

        if (r.quota >= 0) {
            // The quota is a line across the track: what is left of it is the room still free.
            const int x = left + int(double(trackWidth) * double(r.quota) / double(scale));
            painter.setPen(QPen(pal.color(QPalette::WindowText), 2));
            painter.drawLine(x, bar.top() - 3, x, bar.bottom() + 3);
        }

        painter.setPen(pal.color(QPalette::WindowText));
        const QString text = caption(r);
        const int textWidth = fontMetrics().horizontalAdvance(text) + 8;
        // Inside the bar when it fits, in the bar's contrasting text colour; else after it.
        if (bar.width() > textWidth) {
            painter.setPen(colour.lightness() < 140 ? QColor(Qt::white) : QColor(Qt::black));
            painter.drawText(bar.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, text);
        } else {
            painter.drawText(QRect(bar.right() + 6, bar.top(), width(), bar.height()), Qt::AlignLeft | Qt::AlignVCenter,
                             text);
        }
    }
}

bool StorageChart::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = rowAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Row r = row(index);
        QString tip = tr("%1: %2").arg(r.name, caption(r));
        if (r.level == int(StorageUsageModel::QuotaLevel::Full))
            tip += u'\n' + tr("The quota is reached: pushes to this collection are refused");
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void StorageChart::mouseReleaseEvent(QMouseEvent* event)
{
    const int index = rowAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        Q_EMIT collectionActivated(row(index).name);
    QWidget::mouseReleaseEvent(event);
}

} // namespace sreg
