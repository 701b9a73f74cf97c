#include "TagMimeData.h"

#include "registry/RecordJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sreg {

TagMimeData::TagMimeData(QString sourceId, QList<TagRecord> tags, QStringList pullReferences, UrlProvider urls)
    : m_sourceId(std::move(sourceId))
    , m_tags(std::move(tags))
    , m_pullReferences(std::move(pullReferences))
    , m_urls(std::move(urls))
{
}

TagMimeData::~TagMimeData() = default;

QString TagMimeData::sourceId() const
{
    return m_sourceId;
}

QList<TagRecord> TagMimeData::tags() const
{
    return m_tags;
}

QStringList TagMimeData::formats() const
{
    QStringList formats { TagsFormat, QStringLiteral("text/plain") };
    if (m_urls)
        formats.append(QStringLiteral("text/uri-list"));
    return formats;
}

bool TagMimeData::hasFormat(const QString& mimeType) const
{
    return formats().contains(mimeType);
}

QList<TagRecord> TagMimeData::tagsOf(const QMimeData* mime, QString* sourceId)
{
    if (const auto* ours = qobject_cast<const TagMimeData*>(mime)) {
        if (sourceId)
            *sourceId = ours->sourceId();
        return ours->tags();
    }
    return {};
}

QVariant TagMimeData::retrieveData(const QString& mimeType, QMetaType type) const
{
    if (mimeType == TagsFormat) {
        // For another process (a second window of ours) the JSON form; this process reads tags() directly.
        QJsonArray tags;
        for (const TagRecord& tag : m_tags)
            tags.append(RecordJson::toJson(tag));
        const QJsonObject document { { QStringLiteral("source"), m_sourceId }, { QStringLiteral("tags"), tags } };
        return QJsonDocument(document).toJson(QJsonDocument::Compact);
    }
    if (mimeType == u"text/plain")
        return m_pullReferences.join(u'\n');
    if (mimeType == u"text/uri-list" && m_urls) {
        QVariantList urls;
        for (const QUrl& url : m_urls())
            urls.append(url);
        return urls;
    }
    return QMimeData::retrieveData(mimeType, type);
}

} // namespace sreg
