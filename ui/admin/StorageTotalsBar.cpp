#include "StorageTotalsBar.h"

#include "AdminColors.h"
#include "admin/AdminFormat.h"

#include <QPainter>
#include <QPainterPath>

namespace sreg {

StorageTotalsBar::StorageTotalsBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("storageTotals"));
    setAccessibleName(tr("Storage totals"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void StorageTotalsBar::setTotals(qint64 referenced, qint64 stored, qint64 reclaimable)
{
    m_referenced = referenced;
    m_stored = stored;
    m_reclaimable = reclaimable;
    setAccessibleDescription(summary());
    update();
}

QString StorageTotalsBar::summary() const
{
    return tr("%1 stored: %2 referenced by images, %3 reclaimable by garbage collection")
        .arg(AdminFormat::bytes(m_stored), AdminFormat::bytes(m_referenced), AdminFormat::bytes(m_reclaimable));
}

QSize StorageTotalsBar::sizeHint() const
{
    return { 400, fontMetrics().height() * 3 + 8 };
}

void StorageTotalsBar::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const int barHeight = fontMetrics().height() + 4;
    const QRectF track(0.5, 0.5, width() - 1.0, barHeight);
    const QColor referencedColour = pal.color(QPalette::Highlight);
    const QColor reclaimableColour = AdminColors::warning(pal);

    QPainterPath outline;
    outline.addRoundedRect(track, 4, 4);
    painter.fillPath(outline, AdminColors::faint(referencedColour, pal));
    const qint64 whole = qMax<qint64>(1, qMax(m_stored, m_referenced + m_reclaimable));
    const double referencedWidth = track.width() * double(m_referenced) / double(whole);
    const double reclaimableWidth = track.width() * double(m_reclaimable) / double(whole);
    painter.save();
    painter.setClipPath(outline);
    painter.fillRect(QRectF(track.left(), track.top(), referencedWidth, track.height()), referencedColour);
    painter.fillRect(QRectF(track.left() + referencedWidth, track.top(), reclaimableWidth, track.height()),
                     reclaimableColour);
    painter.restore();

    // A legend line: the two colours named, so the bar needs no reading of numbers to be understood.
    const int y = barHeight + 6;
    const int box = fontMetrics().height() - 4;
    int x = 0;
    const auto legend = [&](const QColor& colour, const QString& text) {
        painter.fillRect(QRect(x, y + 2, box, box), colour);
        x += box + 4;
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRect(x, y, width() - x, fontMetrics().height()), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += fontMetrics().horizontalAdvance(text) + 16;
    };
    legend(referencedColour, tr("Referenced %1").arg(AdminFormat::bytes(m_referenced)));
    legend(reclaimableColour, tr("Reclaimable %1").arg(AdminFormat::bytes(m_reclaimable)));
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRect(x, y, width() - x, fontMetrics().height()), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Stored %1").arg(AdminFormat::bytes(m_stored)));
}

} // namespace sreg
