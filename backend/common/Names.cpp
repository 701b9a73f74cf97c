#include "Names.h"

namespace sreg::Names {

namespace {
bool isAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}
bool isSeparator(QChar c)
{
    return c == u'.' || c == u'_' || c == u'-';
}
} // namespace

bool isValid(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxLength)
        return false;
    bool previousWasSeparator = true; // a name cannot start with a separator
    for (QChar c : name) {
        if (isAlnum(c)) {
            previousWasSeparator = false;
        } else if (isSeparator(c)) {
            if (previousWasSeparator)
                return false;
            previousWasSeparator = true;
        } else {
            return false;
        }
    }
    return !previousWasSeparator;
}

QString whyInvalid(QStringView name, const QString& kind)
{
    if (isValid(name))
        return {};
    if (name.isEmpty())
        return QStringLiteral("the %1 name is empty").arg(kind);
    if (name.size() > MaxLength)
        return QStringLiteral("the %1 name is longer than %2 characters").arg(kind).arg(MaxLength);
    return QStringLiteral("invalid %1 name '%2': use lower-case letters and digits, separated by single '.', '_' or '-'")
        .arg(kind, name.left(MaxLength).toString());
}

QStringList splitTagList(const QString& tags)
{
    QStringList result;
    for (const QString& part : tags.split(u',')) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty() && !result.contains(trimmed))
            result.append(trimmed);
    }
    if (result.isEmpty())
        result.append(QStringLiteral("latest"));
    return result;
}

QString suggestFrom(const QString& text)
{
    QString name;
    for (QChar c : text.toLower()) {
        if (isAlnum(c))
            name.append(c);
        else if (!name.isEmpty() && !isSeparator(name.back()))
            name.append(isSeparator(c) && c != u'_' ? c : u'-');
    }
    while (!name.isEmpty() && isSeparator(name.back()))
        name.chop(1);
    return name.left(MaxLength);
}

} // namespace sreg::Names
