#include "SwiftSegmentedUpload.h"

#include <QDateTime>
#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>

namespace sreg {

SwiftSegmentedUpload::SwiftSegmentedUpload(std::shared_ptr<SwiftClient> client, const ObjectKeyLayout& layout,
                                           QString key, ObjectByteSource::Tuning reader)
    : m_client(std::move(client))
    , m_layout(layout)
    , m_key(std::move(key))
    , m_reader(reader)
    , m_writerId(ObjectKeyLayout::newWriterId())
{
}

SwiftSegmentedUpload::~SwiftSegmentedUpload()
{
    abort();
}

QByteArray SwiftSegmentedUpload::markerBody(const QString& writerId, const QString& target)
{
    QJsonObject json { { QStringLiteral("writer"), writerId },
                       { QStringLiteral("time"), QDateTime::currentMSecsSinceEpoch() } };
    if (!target.isEmpty())
        json.insert(QStringLiteral("target"), target);
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

Result<std::unique_ptr<SwiftSegmentedUpload>> SwiftSegmentedUpload::start(std::shared_ptr<SwiftClient> client,
                                                                          const ObjectKeyLayout& layout,
                                                                          const QString& key,
                                                                          ObjectByteSource::Tuning reader)
{
    std::unique_ptr<SwiftSegmentedUpload> upload(new SwiftSegmentedUpload(std::move(client), layout, key, reader));
    const QByteArray marker = markerBody(upload->m_writerId, QString());
    Result<QByteArray> put
        = upload->m_client->putObject(layout.stagingKey(upload->m_writerId), marker.constData(), marker.size());
    if (!put) {
        upload->m_open = false;
        return put.error();
    }
    return upload;
}

Status SwiftSegmentedUpload::sendChunk(int number, qint64 offset, const char* data, qint64 size)
{
    Q_UNUSED(offset)
    const QString key = m_layout.segmentKey(m_writerId, number);
    Result<QByteArray> etag = m_client->putObject(key, data, size);
    if (!etag)
        return etag.error();
    std::lock_guard lock(m_mutex);
    m_segments.insert(number, SwiftClient::Segment { key, *etag, size });
    return {};
}

QList<SwiftClient::Segment> SwiftSegmentedUpload::segments() const
{
    std::lock_guard lock(m_mutex);
    return m_segments.values();
}

Result<std::unique_ptr<ByteSource>> SwiftSegmentedUpload::finish(const Digest& digest, qint64 size)
{
    Q_UNUSED(size)
    m_digest = digest;
    QList<ObjectByteSource::Piece> pieces;
    for (const SwiftClient::Segment& segment : segments())
        pieces.append(ObjectByteSource::Piece { segment.key, segment.size });
    return std::unique_ptr<ByteSource>(std::make_unique<ObjectByteSource>(m_client, pieces, m_reader));
}

Status SwiftSegmentedUpload::commit()
{
    const QString markerKey = m_layout.stagingKey(m_writerId);
    const bool blob = m_key.isEmpty();
    const QString target = blob ? m_layout.blobKey(m_digest) : m_key;
    const QByteArray marker = markerBody(m_writerId, target);
    if (Result<QByteArray> put = m_client->putObject(markerKey, marker.constData(), marker.size()); !put)
        return put.error();
    Status written = m_client->putManifest(target, segments(), blob);
    if (!written && written.error().code() == ErrorCode::AlreadyExists && blob) {
        // The same blob is stored already (content addressing): ours is not needed.
        if (Status removed = removeSegments(); !removed)
            qWarning().noquote() << removed.error().message();
    } else if (!written) {
        return written;
    }
    m_open = false;
    // The manifest holds the segments now; a marker left behind is resolved by cleanupStale.
    if (Status removed = m_client->removePlain(markerKey); !removed)
        qWarning().noquote() << removed.error().message();
    return {};
}

Status SwiftSegmentedUpload::removeSegments()
{
    for (const SwiftClient::Segment& segment : segments()) {
        if (Status removed = m_client->removePlain(segment.key); !removed)
            return removed;
    }
    return {};
}

void SwiftSegmentedUpload::abort()
{
    if (!m_open)
        return;
    m_open = false;
    // Segments first: the marker is how cleanupStale finds segments this cannot remove now.
    if (Status removed = removeSegments(); !removed) {
        qWarning().noquote() << removed.error().message();
        return;
    }
    if (Status removed = m_client->removePlain(m_layout.stagingKey(m_writerId)); !removed)
        qWarning().noquote() << removed.error().message();
}

} // namespace sreg
