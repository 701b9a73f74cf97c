#pragma once

#include "metadata/Records.h"

#include <QList>
#include <QMimeData>
#include <QUrl>
#include <functional>

namespace sreg {

// What a drag of rows from the tag table carries. Inside the application: the tags themselves
// (application/x-sreg-tags, with the id of their source), so a drop on another collection copies or moves them.
// Outside: the pull references as text, and, for file managers, text/uri-list of the images exported to
// temporary files. The URLs are computed only when a drop target asks (retrieveData), never for internal drops.
class TagMimeData final : public QMimeData
{
    Q_OBJECT

public:
    static inline const QString TagsFormat = QStringLiteral("application/x-sreg-tags");
    using UrlProvider = std::function<QList<QUrl>()>;

    TagMimeData(QString sourceId, QList<TagRecord> tags, QStringList pullReferences, UrlProvider urls = {});
    ~TagMimeData() override;
    Q_DISABLE_COPY_MOVE(TagMimeData)

    QString sourceId() const;
    QList<TagRecord> tags() const;
    QStringList formats() const override;
    bool hasFormat(const QString& mimeType) const override;

    // The tags of mime when it is a drag from a tag table (in this process), else an empty list.
    static QList<TagRecord> tagsOf(const QMimeData* mime, QString* sourceId = nullptr);

protected:
    QVariant retrieveData(const QString& mimeType, QMetaType type) const override;

private:
    QString m_sourceId;
    QList<TagRecord> m_tags;
    QStringList m_pullReferences;
    UrlProvider m_urls;
};

} // namespace sreg
