#pragma once

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace sreg {

// "Limit to [ 10 ] [GiB]", or unlimited: a quota in bytes as people think of it.
class QuotaEdit final : public QWidget
{
    Q_OBJECT

public:
    explicit QuotaEdit(QWidget* parent = nullptr);

    std::optional<qint64> value() const; // nullopt: unlimited
    void setValue(std::optional<qint64> bytes);

Q_SIGNALS:
    void valueChanged();

private:
    void updateEnabled();
    void edited();

    QCheckBox* m_limit;
    QDoubleSpinBox* m_amount;
    QComboBox* m_unit;
    // The exact quota given to setValue, until the user edits it: the spin box rounds to a tenth of a unit, and
    // merely showing a quota must not change it.
    std::optional<qint64> m_exact;
};

} // namespace sreg
