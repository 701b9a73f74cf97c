#include "BarChart.h"

#include <QFont>
#include <QFontMetrics>
#include <QJsonObject>
#include <QPainter>

namespace sreg::bench {

namespace {

constexpr int Width = 1400;
constexpr int LabelWidth = 430;
constexpr int VerdictWidth = 230;
constexpr int RowHeight = 58;
constexpr int BarHeight = 20;
constexpr int HeaderHeight = 110;
constexpr int Margin = 20;

const QColor Pass(46, 160, 67);
const QColor Fail(218, 54, 51);
const QColor Info(84, 130, 196);
const QColor Peer(160, 160, 160);
const QColor Text(33, 33, 33);

} // namespace

BarChart::BarChart(QString title, QString subtitle, QJsonArray rows)
    : m_title(std::move(title)), m_subtitle(std::move(subtitle)), m_rows(std::move(rows))
{
}

QImage BarChart::render() const
{
    const int height = HeaderHeight + int(m_rows.size()) * RowHeight + Margin * 2;
    QImage image(Width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont titleFont(QStringLiteral("DejaVu Sans"), 16, QFont::Bold);
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    QFont small(QStringLiteral("DejaVu Sans"), 8);

    painter.setPen(Text);
    painter.setFont(titleFont);
    painter.drawText(Margin, Margin + 24, m_title);
    painter.setFont(font);
    painter.drawText(Margin, Margin + 50, m_subtitle);
    painter.setFont(small);
    painter.setPen(Peer);
    painter.drawText(Margin, Margin + 72,
                     QStringLiteral("Each pair on its own scale: upper bar = ours (green: target met, red: missed, "
                                    "blue: no target), lower bar = peer or limit"));

    const int barLeft = Margin + LabelWidth;
    const int barSpan = Width - barLeft - VerdictWidth - Margin;
    int y = HeaderHeight;
    for (const QJsonValue& value : m_rows) {
        const QJsonObject row = value.toObject();
        const QString status = row.value(QStringLiteral("status")).toString();
        painter.setPen(Text);
        painter.setFont(font);
        const QRect labelRect(Margin, y, LabelWidth - 10, RowHeight - 8);
        painter.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                         row.value(QStringLiteral("measure")).toString());

        const double ours = row.value(QStringLiteral("ours")).toDouble(-1);
        const double peer = row.value(QStringLiteral("peer")).toDouble(-1);
        const double scale = std::max({ ours, peer, 1e-12 });
        const QColor oursColor = status == u"pass" ? Pass : status == u"fail" ? Fail : Info;
        const auto bar = [&](double v, int top, const QColor& color, const QString& text) {
            if (v < 0)
                return;
            const int length = std::max(2, int(double(barSpan) * v / scale));
            painter.fillRect(barLeft, top, length, BarHeight, color);
            painter.setPen(Text);
            painter.setFont(small);
            const QFontMetrics metrics(small);
            const int textWidth = metrics.horizontalAdvance(text);
            const bool inside = textWidth + 12 < length;
            painter.setPen(inside ? Qt::white : Text);
            painter.drawText(inside ? barLeft + length - textWidth - 6 : barLeft + length + 6, top + BarHeight - 6,
                             text);
        };
        if (ours < 0 && peer < 0) {
            painter.setPen(Peer);
            painter.drawText(QRect(barLeft, y, barSpan, RowHeight - 8), Qt::AlignVCenter | Qt::AlignLeft,
                             row.value(QStringLiteral("note")).toString().left(120));
        } else {
            bar(ours, y + 4, oursColor, row.value(QStringLiteral("ours_text")).toString());
            bar(peer, y + 6 + BarHeight, Peer, row.value(QStringLiteral("peer_text")).toString());
        }
        painter.setFont(font);
        painter.setPen(status == u"pass" ? Pass : status == u"fail" ? Fail : Peer);
        const QString verdict
            = QStringLiteral("%1  %2").arg(status.toUpper(), row.value(QStringLiteral("ratio_text")).toString());
        painter.drawText(QRect(Width - VerdictWidth - Margin + 10, y, VerdictWidth, RowHeight - 8),
                         Qt::AlignLeft | Qt::AlignVCenter, verdict);
        painter.setPen(QColor(230, 230, 230));
        painter.drawLine(Margin, y + RowHeight - 4, Width - Margin, y + RowHeight - 4);
        y += RowHeight;
    }
    return image;
}

} // namespace sreg::bench
