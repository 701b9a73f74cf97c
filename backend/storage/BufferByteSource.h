#pragma once

#include "common/ByteSource.h"

#include <QByteArray>

namespace sreg {

// A ByteSource over bytes held in memory: the staged form of a blob small enough to stay in the writer's first
// buffer, so that inspecting it before commit costs no request to the object store.
class BufferByteSource final : public ByteSource
{
public:
    explicit BufferByteSource(QByteArray bytes) : m_bytes(std::move(bytes)) { }

    qint64 size() const override { return m_bytes.size(); }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;
    const QByteArray& bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace sreg
