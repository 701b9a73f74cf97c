#include "LibraryIds.h"

#include "common/Names.h"

namespace sreg::http {

QString LibraryIds::container(const QString& collection, const QString& container)
{
    return collection + u'~' + container;
}

std::optional<std::pair<QString, QString>> LibraryIds::parseContainer(const QString& id)
{
    const qsizetype tilde = id.indexOf(u'~');
    if (tilde < 0)
        return std::nullopt;
    QString collection = id.left(tilde);
    QString container = id.mid(tilde + 1);
    if (!Names::isValid(collection) || !Names::isValid(container))
        return std::nullopt;
    return std::make_pair(std::move(collection), std::move(container));
}

QString LibraryIds::image(qint64 id)
{
    return QString::number(id);
}

std::optional<qint64> LibraryIds::parseImage(const QString& id)
{
    if (id.isEmpty() || id.size() > 18)
        return std::nullopt;
    for (QChar c : id) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const qint64 value = id.toLongLong();
    if (value <= 0)
        return std::nullopt;
    return value;
}

} // namespace sreg::http
