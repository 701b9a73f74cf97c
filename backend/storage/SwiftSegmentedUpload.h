#pragma once

#include "ChunkedUpload.h"
#include "ObjectByteSource.h"
#include "ObjectKeyLayout.h"
#include "SwiftClient.h"

#include <QMap>
#include <memory>
#include <mutex>

namespace sreg {

// A large blob (or multipart part) sent to Swift as a static large object: each chunk becomes a segment object
// <prefix>segments/<writer>/<n> (sent in parallel, retried one by one, checked by MD5), staged() reads the
// segments in order, and commit() writes the manifest under the final name. Nothing is copied at commit: the
// manifest simply points at the segments, whatever their number.
//
// For content addressing the manifest is written with If-None-Match: *, so when another writer stored the same
// blob first, ours loses cleanly and removes its segments. A marker object <prefix>staging/<writer> lives while
// the segments are not (yet) referenced by a manifest: cleanupStale finds abandoned segments through it (before
// the manifest is written, the marker records the blob's digest, so a crash just after it is not mistaken for
// an abandoned write).
class SwiftSegmentedUpload final : public ChunkedUpload
{
public:
    // key: the part's key (keyed), or empty for a blob (its key follows from the digest).
    static Result<std::unique_ptr<SwiftSegmentedUpload>> start(std::shared_ptr<SwiftClient> client,
                                                               const ObjectKeyLayout& layout, const QString& key,
                                                               ObjectByteSource::Tuning reader);
    ~SwiftSegmentedUpload() override;

    Status sendChunk(int number, qint64 offset, const char* data, qint64 size) override;
    Result<std::unique_ptr<ByteSource>> finish(const Digest& digest, qint64 size) override;
    Status commit() override;
    void abort() override;

    // The marker's body: which writer, and (from commit on) the object whose manifest will hold its segments.
    static QByteArray markerBody(const QString& writerId, const QString& target);

private:
    SwiftSegmentedUpload(std::shared_ptr<SwiftClient> client, const ObjectKeyLayout& layout, QString key,
                         ObjectByteSource::Tuning reader);
    QList<SwiftClient::Segment> segments() const;
    Status removeSegments();

    std::shared_ptr<SwiftClient> m_client;
    ObjectKeyLayout m_layout;
    QString m_key;
    ObjectByteSource::Tuning m_reader;
    QString m_writerId;
    Digest m_digest;
    bool m_open = true; // segments or marker may be in the store and are ours to remove
    mutable std::mutex m_mutex;
    QMap<int, SwiftClient::Segment> m_segments;
};

} // namespace sreg
