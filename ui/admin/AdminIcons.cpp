#include "AdminIcons.h"

#include "Icons.h"

#include <QWidget>

namespace sreg {

QIcon AdminIcons::icon(const QString& name, QStyle::StandardPixmap fallback, const QWidget* widget)
{
    const QIcon own = Icons::named(name);
    return own.isNull() ? widget->style()->standardIcon(fallback, nullptr, widget) : own;
}

} // namespace sreg
