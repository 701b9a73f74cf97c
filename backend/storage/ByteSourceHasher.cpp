#include "ByteSourceHasher.h"

#include "ParallelHasher.h"

#include <memory>

namespace sreg {

Result<Digest> ByteSourceHasher::hash(ByteSource& source,
                                      const std::function<bool(qint64 done, qint64 total)>& progress)
{
    std::unique_ptr<char[]> buffers[2] = { std::make_unique<char[]>(ChunkSize), std::make_unique<char[]>(ChunkSize) };
    ParallelHasher hasher; // after the buffers, so that it stops before they are freed
    const qint64 total = source.size();
    qint64 offset = 0;
    for (int current = 0; offset < total; current ^= 1) {
        char* buffer = buffers[current].get();
        Result<qint64> n = source.readAt(offset, buffer, std::min(ChunkSize, total - offset));
        if (!n)
            return n.error();
        if (*n == 0)
            return Error(ErrorCode::Io, QStringLiteral("the data ended at %1 of %2 bytes").arg(offset).arg(total));
        hasher.start(buffer, size_t(*n)); // waits for the other buffer's hash first
        offset += *n;
        if (progress && !progress(offset, total))
            return Error(ErrorCode::Cancelled, QStringLiteral("hashing was cancelled"));
    }
    return hasher.finish();
}

} // namespace sreg
