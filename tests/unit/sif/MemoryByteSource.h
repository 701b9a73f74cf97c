#pragma once

#include "common/ByteSource.h"

#include <QByteArray>
#include <algorithm>
#include <cstring>
#include <memory>

namespace sreg::test {

// Bytes held in memory as a ByteSource: lets tests patch a fixture (or fuzz it) without temporary files.
class MemoryByteSource final : public ByteSource
{
public:
    explicit MemoryByteSource(QByteArray bytes) : m_bytes(std::move(bytes)) { }
    static std::shared_ptr<ByteSource> of(QByteArray bytes)
    {
        return std::make_shared<MemoryByteSource>(std::move(bytes));
    }

    qint64 size() const override { return m_bytes.size(); }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override
    {
        if (offset < 0 || length < 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
        if (offset >= m_bytes.size())
            return qint64(0);
        const qint64 n = std::min<qint64>(length, m_bytes.size() - offset);
        std::memcpy(buffer, m_bytes.constData() + offset, size_t(n));
        return n;
    }

private:
    QByteArray m_bytes;
};

} // namespace sreg::test
