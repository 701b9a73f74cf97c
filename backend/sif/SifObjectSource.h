#pragma once

#include "common/ByteSource.h"

#include <memory>

namespace sreg::sif {

// A window [offset, offset + size) of another ByteSource: one SIF object seen as a file of its own, so that
// e.g. the squashfs reader can never read past the partition it was given.
class SifObjectSource final : public ByteSource
{
public:
    // Fails (InvalidArgument) when the window does not lie inside the parent.
    static Result<std::shared_ptr<SifObjectSource>> create(std::shared_ptr<ByteSource> parent, qint64 offset,
                                                           qint64 size);

    qint64 size() const override { return m_size; }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override;
    qint64 offsetInParent() const { return m_offset; }

private:
    SifObjectSource(std::shared_ptr<ByteSource> parent, qint64 offset, qint64 size);

    std::shared_ptr<ByteSource> m_parent;
    qint64 m_offset = 0;
    qint64 m_size = 0;
};

} // namespace sreg::sif
