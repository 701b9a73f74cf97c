#pragma once

#include "ObjectStoreClient.h"
#include "common/ByteSource.h"

#include <QList>
#include <QString>
#include <memory>
#include <mutex>

namespace sreg {

// Random access to an object (or to several objects read as one: the segments of a Swift upload) through ranged
// GETs, shaped for the two ways the registry reads a blob:
//  - scattered small reads (the SIF parser looking at the header, the descriptors, a few metadata objects):
//    each read fetches a 256 KiB window around it and keeps it, so neighbouring reads cost no request;
//  - one long sequential pass (a download streamed to a client, a migration, a hash check): once reads follow
//    each other, blocks ahead of the reader are fetched in parallel (as `aws s3 cp` does), so throughput is that
//    of several connections instead of one request per slice.
// The read-ahead threads are detached and share their state with this object, so destroying it (a client that
// went away mid-download) never waits for a block in flight. Thread-safe (reads are serialised).
class ObjectByteSource final : public ByteSource
{
public:
    struct Piece
    {
        QString key;
        qint64 size = 0;
    };

    struct Tuning
    {
        qint64 blockSize = 8 * 1024 * 1024; // sequential read-ahead unit
        int depth = 4; // blocks fetched ahead, in parallel
        qint64 window = 256 * 1024; // what a small scattered read fetches
    };

    ObjectByteSource(std::shared_ptr<ObjectStoreClient> client, QList<Piece> pieces, Tuning tuning);
    ObjectByteSource(std::shared_ptr<ObjectStoreClient> client, const QString& key, qint64 size, Tuning tuning);
    ~ObjectByteSource() override;

    qint64 size() const override { return m_size; }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;

private:
    struct State;

    Result<qint64> readScattered(qint64 offset, char* buffer, qint64 length);
    Result<qint64> readStreaming(qint64 offset, char* buffer, qint64 length);

    std::shared_ptr<State> m_state;
    qint64 m_size = 0;
    Tuning m_tuning;
    std::mutex m_mutex;
    qint64 m_lastEnd = -1; // where the previous read ended
    bool m_streaming = false;
    QByteArray m_window; // the last scattered window
    qint64 m_windowOffset = -1;
};

} // namespace sreg
