#include "AdminColors.h"

namespace sreg {

bool AdminColors::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 127;
}

QColor AdminColors::ok(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x5c, 0xb8, 0x5c) : QColor(0x2e, 0x7d, 0x32);
}

QColor AdminColors::warning(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf0, 0xb4, 0x29) : QColor(0xc7, 0x7c, 0x02);
}

QColor AdminColors::critical(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xef, 0x6b, 0x5b) : QColor(0xc6, 0x28, 0x28);
}

QColor AdminColors::forLevel(StorageUsageModel::QuotaLevel level, const QPalette& palette)
{
    switch (level) {
    case StorageUsageModel::QuotaLevel::NoQuota:
        return palette.color(QPalette::Highlight);
    case StorageUsageModel::QuotaLevel::Normal:
        return ok(palette);
    case StorageUsageModel::QuotaLevel::Warning:
        return warning(palette);
    case StorageUsageModel::QuotaLevel::Critical:
        // Between the warning's amber and the full quota's red, so the three steps read apart.
        return isDark(palette) ? QColor(0xff, 0x8a, 0x50) : QColor(0xe6, 0x51, 0x00);
    case StorageUsageModel::QuotaLevel::Full:
        return critical(palette);
    }
    return palette.color(QPalette::Highlight);
}

QColor AdminColors::faint(const QColor& colour, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const double mix = 0.18;
    return QColor::fromRgbF(float(base.redF() * (1 - mix) + colour.redF() * mix),
                            float(base.greenF() * (1 - mix) + colour.greenF() * mix),
                            float(base.blueF() * (1 - mix) + colour.blueF() * mix));
}

} // namespace sreg
