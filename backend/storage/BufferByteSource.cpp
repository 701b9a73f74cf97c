#include "BufferByteSource.h"

#include <cstring>

namespace sreg {

Result<qint64> BufferByteSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    if (offset < 0 || length < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
    if (offset >= m_bytes.size())
        return qint64(0);
    const qint64 n = std::min(length, m_bytes.size() - offset);
    std::memcpy(buffer, m_bytes.constData() + offset, size_t(n));
    return n;
}

} // namespace sreg
