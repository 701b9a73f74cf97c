#include "ObjectKeyLayout.h"

#include "common/RandomId.h"

#include <QDateTime>

namespace sreg {
namespace {

bool isBase32(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'2' && c <= u'7');
}

} // namespace

ObjectKeyLayout::ObjectKeyLayout(const QString& prefix) : m_prefix(prefix)
{
    while (m_prefix.startsWith(u'/'))
        m_prefix.remove(0, 1);
    if (!m_prefix.isEmpty() && !m_prefix.endsWith(u'/'))
        m_prefix += u'/';
}

std::optional<Digest> ObjectKeyLayout::parseBlobKey(const QString& key) const
{
    const QString prefix = blobsPrefix();
    if (!key.startsWith(prefix) || key.size() != prefix.size() + 64)
        return std::nullopt;
    const QStringView hex = QStringView(key).mid(prefix.size());
    for (QChar c : hex) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'))) // only our own lower-case names
            return std::nullopt;
    }
    return Digest::fromHex(hex);
}

QString ObjectKeyLayout::segmentKey(const QString& writerId, int number) const
{
    return segmentPrefix(writerId) + QStringLiteral("%1").arg(number, 6, 10, QLatin1Char('0'));
}

QString ObjectKeyLayout::partKey(const QString& uploadId, int number, const QString& writerId) const
{
    return partPrefix(uploadId) + QStringLiteral("%1.").arg(number, 5, 10, QLatin1Char('0')) + writerId;
}

std::optional<ObjectKeyLayout::PartKey> ObjectKeyLayout::parsePartKey(const QString& uploadId, const QString& key,
                                                                      const ObjectKeyLayout& layout)
{
    const QString prefix = layout.partPrefix(uploadId);
    if (!key.startsWith(prefix))
        return std::nullopt;
    const QString rest = key.mid(prefix.size());
    if (rest.size() < 7 || rest[5] != u'.')
        return std::nullopt;
    bool ok = false;
    const int number = rest.left(5).toInt(&ok);
    const QString writerId = rest.mid(6);
    if (!ok || number < 1 || number > MaxParts || !isValidWriterId(writerId))
        return std::nullopt;
    return PartKey { number, writerId };
}

QString ObjectKeyLayout::newUploadId()
{
    return randomToken(26);
}

bool ObjectKeyLayout::isValidUploadId(const QString& uploadId)
{
    if (uploadId.size() != 26)
        return false;
    for (QChar c : uploadId) {
        if (!isBase32(c))
            return false;
    }
    return true;
}

QString ObjectKeyLayout::newWriterId()
{
    return QStringLiteral("%1-").arg(QDateTime::currentMSecsSinceEpoch(), 12, 16, QLatin1Char('0')) + randomToken(10);
}

bool ObjectKeyLayout::isValidWriterId(const QString& writerId)
{
    if (writerId.size() != 23 || writerId[12] != u'-')
        return false;
    for (int i = 0; i < 12; ++i) {
        const QChar c = writerId[i];
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    for (int i = 13; i < 23; ++i) {
        if (!isBase32(writerId[i]))
            return false;
    }
    return true;
}

qint64 ObjectKeyLayout::writerIdTime(const QString& writerId)
{
    if (!isValidWriterId(writerId))
        return 0;
    bool ok = false;
    const qint64 ms = writerId.left(12).toLongLong(&ok, 16);
    return ok ? ms : 0;
}

} // namespace sreg
