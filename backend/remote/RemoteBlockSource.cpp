#include "RemoteBlockSource.h"

#include "RemoteImageFile.h"

#include <algorithm>
#include <cstring>

namespace sreg::remote {

RemoteBlockSource::RemoteBlockSource(std::shared_ptr<RemoteImageFile> file)
    : m_file(std::move(file))
{
}

qint64 RemoteBlockSource::size() const
{
    return m_file->size();
}

int RemoteBlockSource::requestsMade() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

const QByteArray* RemoteBlockSource::cached(qint64 block)
{
    const auto found = m_blocks.constFind(block);
    if (found == m_blocks.constEnd())
        return nullptr;
    m_recent.remove(block);
    m_recent.push_front(block);
    return &found.value();
}

void RemoteBlockSource::remember(qint64 block, QByteArray bytes)
{
    m_blocks.insert(block, std::move(bytes));
    m_recent.remove(block);
    m_recent.push_front(block);
    while (int(m_recent.size()) > CachedBlocks) {
        m_blocks.remove(m_recent.back());
        m_recent.pop_back();
    }
}

Status RemoteBlockSource::fetch(qint64 firstBlock, qint64 lastBlock)
{
    const qint64 begin = firstBlock * BlockBytes;
    const qint64 end = std::min(size(), (lastBlock + 1) * BlockBytes);
    QByteArray bytes;
    bytes.reserve(end - begin);
    ++m_requests;
    const Status read = m_file->read(begin, end - begin, [&bytes](const char* data, qint64 length) {
        bytes.append(data, length);
        return true;
    });
    if (!read)
        return read;
    for (qint64 block = firstBlock; block <= lastBlock; ++block)
        remember(block, bytes.mid((block - firstBlock) * BlockBytes, BlockBytes));
    return {};
}

Result<qint64> RemoteBlockSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    std::lock_guard lock(m_mutex);
    if (offset < 0 || offset > size())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("offset %1 is outside the image").arg(offset));
    length = std::min(length, size() - offset);
    if (length <= 0)
        return qint64(0);
    const qint64 first = offset / BlockBytes;
    const qint64 last = (offset + length - 1) / BlockBytes;
    // Fetch the missing blocks, neighbours together.
    for (qint64 block = first; block <= last;) {
        if (m_blocks.contains(block)) {
            ++block;
            continue;
        }
        qint64 runEnd = block;
        while (runEnd + 1 <= last && runEnd + 1 - block < MaxBlocksPerRequest && !m_blocks.contains(runEnd + 1))
            ++runEnd;
        if (Status fetched = fetch(block, runEnd); !fetched)
            return fetched.error();
        block = runEnd + 1;
    }
    qint64 copied = 0;
    for (qint64 block = first; block <= last; ++block) {
        const QByteArray* bytes = cached(block);
        if (!bytes) // evicted while this read fetched more than the cache holds: read the rest directly
            return copied > 0 ? Result<qint64>(copied) : Error(ErrorCode::Io, QStringLiteral("read too large"));
        const qint64 blockStart = block * BlockBytes;
        const qint64 from = std::max(offset, blockStart) - blockStart;
        const qint64 to = std::min(offset + length, blockStart + qint64(bytes->size())) - blockStart;
        std::memcpy(buffer + copied, bytes->constData() + from, size_t(to - from));
        copied += to - from;
    }
    return copied;
}

} // namespace sreg::remote
