#include "QuotaEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <cmath>

namespace sreg {

namespace {
constexpr int MiBShift = 20;
constexpr int GiBShift = 30;
constexpr int TiBShift = 40;
} // namespace

QuotaEdit::QuotaEdit(QWidget* parent)
    : QWidget(parent)
    , m_limit(new QCheckBox(tr("Limit to"), this))
    , m_amount(new QDoubleSpinBox(this))
    , m_unit(new QComboBox(this))
{
    m_amount->setRange(0.1, 1024 * 1024);
    m_amount->setDecimals(1);
    m_amount->setValue(10);
    m_amount->setAccessibleName(tr("Quota amount"));
    m_unit->addItem(tr("MiB"), MiBShift);
    m_unit->addItem(tr("GiB"), GiBShift);
    m_unit->addItem(tr("TiB"), TiBShift);
    m_unit->setCurrentIndex(1);
    m_unit->setAccessibleName(tr("Quota unit"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_limit);
    layout->addWidget(m_amount);
    layout->addWidget(m_unit);
    layout->addStretch(1);
    connect(m_limit, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        edited();
    });
    connect(m_amount, &QDoubleSpinBox::valueChanged, this, &QuotaEdit::edited);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &QuotaEdit::edited);
    updateEnabled();
}

std::optional<qint64> QuotaEdit::value() const
{
    if (!m_limit->isChecked())
        return std::nullopt;
    if (m_exact)
        return m_exact;
    const int shift = m_unit->currentData().toInt();
    return qint64(std::llround(m_amount->value() * double(qint64(1) << shift)));
}

void QuotaEdit::setValue(std::optional<qint64> bytes)
{
    const QSignalBlocker blockLimit(m_limit);
    const QSignalBlocker blockAmount(m_amount);
    const QSignalBlocker blockUnit(m_unit);
    m_limit->setChecked(bytes.has_value());
    if (bytes) {
        // The largest unit that keeps the number at least 1, so 512 MiB is not shown as 0.5 GiB.
        int index = 0;
        for (int i = m_unit->count() - 1; i >= 0; --i) {
            if (*bytes >= (qint64(1) << m_unit->itemData(i).toInt())) {
                index = i;
                break;
            }
        }
        m_unit->setCurrentIndex(index);
        m_amount->setValue(double(*bytes) / double(qint64(1) << m_unit->itemData(index).toInt()));
    }
    updateEnabled();
    m_exact = bytes;
    Q_EMIT valueChanged();
}

void QuotaEdit::edited()
{
    m_exact.reset();
    Q_EMIT valueChanged();
}

void QuotaEdit::updateEnabled()
{
    m_amount->setEnabled(m_limit->isChecked());
    m_unit->setEnabled(m_limit->isChecked());
}

} // namespace sreg
