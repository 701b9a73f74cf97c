#pragma once

#include "common/ByteSource.h"

namespace sreg {

// What a writer's staged() shows before finish() (or after a failure): no bytes, rather than a dangling
// reference, since the interface returns a reference.
class EmptyByteSource final : public ByteSource
{
public:
    qint64 size() const override { return 0; }
    Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) override
    {
        Q_UNUSED(buffer)
        if (offset < 0 || length < 0)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
        return qint64(0);
    }
};

} // namespace sreg
