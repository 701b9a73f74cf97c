#include "RangedRead.h"

#include <algorithm>
#include <cstring>

namespace sreg {

RangedRead::RangedRead(qint64 offset, qint64 length, char* buffer)
    : m_offset(offset), m_length(length), m_buffer(buffer)
{
}

QByteArray RangedRead::rangeHeader() const
{
    return "bytes=" + QByteArray::number(m_offset + m_done) + '-' + QByteArray::number(m_offset + m_length - 1);
}

void RangedRead::onStatus(int status)
{
    m_whole = status == 200;
    m_skip = m_whole ? m_offset + m_done : 0; // a 200 sends the object from byte 0
}

bool RangedRead::receive(const char* data, size_t size)
{
    qint64 n = qint64(size);
    const qint64 dropped = std::min(m_skip, n);
    m_skip -= dropped;
    data += dropped;
    n -= dropped;
    const qint64 take = std::min(m_length - m_done, n);
    std::memcpy(m_buffer + m_done, data, size_t(take));
    m_done += take;
    return !m_whole || m_done < m_length; // stop a whole-object answer once we have our range
}

Result<qint64> RangedRead::afterFailure(const Error& error) const
{
    if (error.code() == ErrorCode::Cancelled && m_done == m_length)
        return m_done; // we stopped a 200 that sent more than asked
    if (error.message().contains(QStringLiteral("HTTP 416")))
        return m_done; // the range starts at or past the end
    return error;
}

} // namespace sreg
