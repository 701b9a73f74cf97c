#include "ImageRef.h"

#include "Names.h"

namespace sreg {

Result<ImageRef> ImageRef::parse(const QString& text, bool defaultLatest)
{
    QString rest = text.trimmed();
    if (rest.startsWith(QStringLiteral("library://")))
        rest = rest.mid(10);
    ImageRef ref;
    const qsizetype colon = rest.indexOf(u':');
    QString path = colon < 0 ? rest : rest.left(colon);
    if (colon >= 0) {
        const QString suffix = rest.mid(colon + 1);
        if (suffix.startsWith(QStringLiteral("sha256."))) {
            ref.digest = Digest::fromString(suffix);
            if (!ref.digest)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("invalid digest '%1' in reference").arg(suffix));
        } else {
            if (const QString why = Names::whyInvalid(suffix, QStringLiteral("tag")); !why.isEmpty())
                return Error(ErrorCode::InvalidName, why);
            ref.tag = suffix;
        }
    } else if (defaultLatest) {
        ref.tag = QStringLiteral("latest");
    }
    const QStringList parts = path.split(u'/');
    if (parts.size() != 2 && parts.size() != 3)
        return Error(ErrorCode::InvalidArgument,
            QStringLiteral("invalid reference '%1': expected [entity/]collection/container[:tag]").arg(text));
    ref.entity = parts.size() == 3 ? parts[0] : QString();
    ref.collection = parts[parts.size() - 2];
    ref.container = parts.back();
    if (!ref.entity.isEmpty()) {
        if (const QString why = Names::whyInvalid(ref.entity, QStringLiteral("entity")); !why.isEmpty())
            return Error(ErrorCode::InvalidName, why);
    }
    if (const QString why = Names::whyInvalid(ref.collection, QStringLiteral("collection")); !why.isEmpty())
        return Error(ErrorCode::InvalidName, why);
    if (const QString why = Names::whyInvalid(ref.container, QStringLiteral("container")); !why.isEmpty())
        return Error(ErrorCode::InvalidName, why);
    return ref;
}

QString ImageRef::toString() const
{
    QString text = collection + u'/' + container;
    if (digest)
        text += u':' + digest->toString();
    else if (!tag.isEmpty())
        text += u':' + tag;
    return text;
}

} // namespace sreg
