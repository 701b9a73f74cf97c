#include "SwiftBlobStore.h"

#include "SwiftSegmentedUpload.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace sreg {

SwiftBlobStore::SwiftBlobStore(std::shared_ptr<SwiftClient> client, Options options)
    : ObjectBlobStore(client, ObjectKeyLayout(options.prefix), options.tuning), m_swift(std::move(client))
{
}

Result<std::unique_ptr<SwiftBlobStore>> SwiftBlobStore::open(Options options)
{
    Result<std::unique_ptr<SwiftClient>> client = SwiftClient::create(options.client);
    if (!client)
        return client.error();
    std::shared_ptr<SwiftClient> shared(std::move(*client));
    if (Status checked = shared->checkContainer(); !checked)
        return checked.error();
    // Swift's manifests list at most 1000 segments (max_manifest_segments).
    options.tuning.writer.maxChunks = std::min(options.tuning.writer.maxChunks, 1000);
    return std::unique_ptr<SwiftBlobStore>(new SwiftBlobStore(std::move(shared), std::move(options)));
}

Result<std::unique_ptr<ChunkedUpload>> SwiftBlobStore::beginChunked(const QString& key, bool contentAddressed,
                                                                    const BlobWriteOptions& options)
{
    Q_UNUSED(options)
    // A blob's manifest goes to the key of its digest, known at commit; a part's to its fixed key.
    Result<std::unique_ptr<SwiftSegmentedUpload>> upload
        = SwiftSegmentedUpload::start(m_swift, m_layout, contentAddressed ? QString() : key, m_tuning.reader);
    if (!upload)
        return upload.error();
    return std::unique_ptr<ChunkedUpload>(std::move(*upload));
}

Result<bool> SwiftBlobStore::committed(const QString& target, const QString& writerId)
{
    Result<QStringList> segments = m_swift->manifestSegments(target);
    if (!segments)
        return segments.error().code() == ErrorCode::NotFound ? Result<bool>(false) : Result<bool>(segments.error());
    const QString prefix = m_layout.segmentPrefix(writerId);
    for (const QString& segment : *segments) {
        if (segment.startsWith(prefix))
            return true;
    }
    return false;
}

Status SwiftBlobStore::cleanupWriters(std::chrono::seconds maxAge)
{
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - qint64(maxAge.count()) * 1000;
    const QString stagingPrefix = m_layout.stagingPrefix();
    QStringList stale;
    Status listed = m_swift->list(stagingPrefix, [&](const ObjectInfo& object) {
        const QString writerId = object.key.mid(stagingPrefix.size());
        if (ObjectKeyLayout::isValidWriterId(writerId) && object.modifiedMs > 0 && object.modifiedMs < cutoff)
            stale.append(writerId);
        return true;
    });
    if (!listed)
        return listed;
    Status result;
    for (const QString& writerId : std::as_const(stale)) {
        const QString markerKey = m_layout.stagingKey(writerId);
        Result<QByteArray> marker = m_swift->getObject(markerKey, 64 * 1024);
        if (!marker)
            continue; // removed meanwhile
        const QString target = QJsonDocument::fromJson(*marker).object().value(QStringLiteral("target")).toString();
        if (!target.isEmpty()) {
            Result<bool> done = committed(target, writerId);
            if (!done) {
                result = done.error();
                continue;
            }
            if (*done) { // the process died between the manifest and the marker's removal
                (void)m_swift->removePlain(markerKey);
                continue;
            }
        }
        QStringList segments;
        Status found = m_swift->list(m_layout.segmentPrefix(writerId), [&](const ObjectInfo& object) {
            segments.append(object.key);
            return true;
        });
        for (const QString& segment : std::as_const(segments)) {
            if (Status removed = m_swift->removePlain(segment); !removed)
                found = removed;
        }
        if (found)
            found = m_swift->removePlain(markerKey);
        if (!found && result)
            result = found;
    }
    return result;
}

} // namespace sreg
