#pragma once

#include "admin/StorageUsageModel.h"

#include <QColor>
#include <QPalette>

namespace sreg {

// The few colours the administration pages add to the palette (quota levels, outcomes, message kinds), picked
// for the palette in use so they read on light and dark themes alike (Qt 6.4 has no colour-scheme API: the
// window colour's lightness decides, as in qBittorrent).
class AdminColors final
{
public:
    static bool isDark(const QPalette& palette);
    static QColor ok(const QPalette& palette);
    static QColor warning(const QPalette& palette);
    static QColor critical(const QPalette& palette);
    static QColor forLevel(StorageUsageModel::QuotaLevel level, const QPalette& palette);
    // A faint version of colour, for a bar's track or a message's background.
    static QColor faint(const QColor& colour, const QPalette& palette);
};

} // namespace sreg
