#include "RemoteRef.h"

namespace sreg::remote {

Result<RemoteRef> RemoteRef::parse(const QString& text)
{
    RemoteRef parsed;
    QString refText = text;
    if (text.startsWith(QStringLiteral("http://")) || text.startsWith(QStringLiteral("https://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' is not a URL of the form https://host/collection/container:tag").arg(text));
        QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
        if (segments.size() < 2)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("'%1' names no image: expected https://host/collection/container:tag").arg(text));
        refText = segments.takeLast();
        refText.prepend(segments.takeLast() + u'/');
        QUrl base = url;
        base.setPath(segments.isEmpty() ? QString() : u'/' + segments.join(u'/'));
        parsed.base = base;
    }
    Result<ImageRef> ref = ImageRef::parse(refText, false);
    if (!ref)
        return ref.error();
    parsed.ref = *ref;
    parsed.hasTag = !ref->tag.isEmpty() || ref->isDigest();
    return parsed;
}

} // namespace sreg::remote
