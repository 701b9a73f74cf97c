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
    if (!written && written.error().code() != ErrorCode::AlreadyExists)
        return written;
    m_open = false;
    if (!blob) {
        // A part's key is its writer's own: nobody else writes it, so the marker can go at once.
        if (Status removed = m_client->removePlain(markerKey); !removed)
            qWarning().noquote() << removed.error().message();
        return {};
    }
    // If-None-Match is checked by each object server as the PUT lands, so two pushes of one blob at the same
    // moment may both succeed, and the later manifest wins. Which one won is only certain once replication
    // settled (reading the manifest back now could see an older replica and remove the winner's segments), so
    // the marker stays, and cleanupStale removes the loser's segments when it finds the marker a day later.
    // A refused PUT (412) is certain: another writer's manifest is there and ours was never written.
    if (!written) {
        if (Status removed = removeSegments(); !removed)
            qWarning().noquote() << removed.error().message();
        else if (Status gone = m_client->removePlain(markerKey); !gone)
            qWarning().noquote() << gone.error().message();
    }
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
