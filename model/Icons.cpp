#include "Icons.h"

#include <QFile>
#include <QHash>

namespace sreg {

QIcon Icons::named(const QString& name)
{
    // Models live on the GUI thread, so the cache needs no lock.
    static QHash<QString, QIcon> cache;
    auto it = cache.constFind(name);
    if (it != cache.constEnd())
        return it.value();
    const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
    const QIcon icon = QFile::exists(path) ? QIcon(path) : QIcon();
    cache.insert(name, icon);
    return icon;
}

} // namespace sreg
