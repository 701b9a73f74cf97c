#pragma once

#include <QString>

namespace sreg {

// Light and dark appearance. Qt 6.4 has no colour-scheme API, so the app runs Fusion with its own palettes:
// "system" keeps the palette the platform gave at start-up, "light" and "dark" replace it. Widgets that paint
// by hand ask isDark() (palette lightness) rather than the setting, so they follow any palette.
class Theme final
{
public:
    enum class Mode
    {
        System,
        Light,
        Dark,
    };

    static void apply(Mode mode);
    static Mode current();
    static bool isDark();
    static Mode fromString(const QString& name); // "system", "light", "dark"; anything else is System
    static QString toString(Mode mode);

private:
    Theme() = delete;
};

} // namespace sreg
