#pragma once

#include <QIcon>
#include <QStyle>

namespace sreg {

// The project's SVG icon of that name (resources/icons), or the style's standard icon where the project has none
// (or in a program built without the icons).
class AdminIcons final
{
public:
    static QIcon icon(const QString& name, QStyle::StandardPixmap fallback, const QWidget* widget);

private:
    AdminIcons() = delete;
};

} // namespace sreg
