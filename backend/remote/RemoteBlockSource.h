#pragma once

#include "common/ByteSource.h"

#include <QByteArray>
#include <QHash>
#include <list>
#include <memory>
#include <mutex>

namespace sreg::remote {

class RemoteImageFile;

// Random access to a remote image through HTTP Range requests, for looking inside it without downloading it:
// the SIF header, descriptor table and small objects (definition file, labels, signatures), a squashfs
// directory. Reads go by aligned 64 KiB blocks; neighbouring missing blocks are fetched in one request and the
// most recent ones are kept (8 MiB), so the many small reads of a parser cost a handful of round trips.
class RemoteBlockSource final : public ByteSource
{
public:
    static constexpr qint64 BlockBytes = 64 * 1024;
    static constexpr int CachedBlocks = 128;
    static constexpr int MaxBlocksPerRequest = 32;

    explicit RemoteBlockSource(std::shared_ptr<RemoteImageFile> file);

    qint64 size() const override;
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;
    int requestsMade() const; // for tests: how many GETs the reads cost

private:
    const QByteArray* cached(qint64 block);
    Status fetch(qint64 firstBlock, qint64 lastBlock);
    void remember(qint64 block, QByteArray bytes);

    std::shared_ptr<RemoteImageFile> m_file;
    mutable std::mutex m_mutex;
    QHash<qint64, QByteArray> m_blocks;
    std::list<qint64> m_recent; // most recently used first
    int m_requests = 0;
};

} // namespace sreg::remote
