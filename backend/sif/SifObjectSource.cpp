#include "SifObjectSource.h"

#include <algorithm>

namespace sreg::sif {

SifObjectSource::SifObjectSource(std::shared_ptr<ByteSource> parent, qint64 offset, qint64 size)
    : m_parent(std::move(parent)), m_offset(offset), m_size(size)
{
}

Result<std::shared_ptr<SifObjectSource>> SifObjectSource::create(std::shared_ptr<ByteSource> parent, qint64 offset,
                                                                 qint64 size)
{
    if (!parent || offset < 0 || size < 0 || offset > parent->size() || size > parent->size() - offset)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("range %1+%2 is outside the %3 bytes available")
                         .arg(offset)
                         .arg(size)
                         .arg(parent ? parent->size() : 0));
    return std::shared_ptr<SifObjectSource>(new SifObjectSource(std::move(parent), offset, size));
}

Result<qint64> SifObjectSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    if (offset < 0 || length < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
    if (offset >= m_size || length == 0)
        return qint64(0);
    return m_parent->readAt(m_offset + offset, buffer, std::min(length, m_size - offset));
}

} // namespace sreg::sif
