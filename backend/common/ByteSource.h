#pragma once

#include "Result.h"

#include <QByteArray>

namespace sreg {

// Random access to a sized run of bytes: a file, a blob in a store, an object inside a SIF, or a remote
// image read through HTTP Range requests. The SIF reader works on this, never on a path, so that the same
// parser inspects local files, staged uploads and remote images alike.
class ByteSource
{
public:
    virtual ~ByteSource() = default;

    virtual qint64 size() const = 0;
    // Reads up to length bytes at offset into buffer; returns how many were read. Fewer than asked only
    // at the end of the source. Never reads outside [0, size()).
    virtual Result<qint64> readAt(qint64 offset, char* buffer, qint64 length) = 0;

    // Reads exactly length bytes at offset, or fails (a short read is an Io error naming the range).
    Result<QByteArray> read(qint64 offset, qint64 length);
};

} // namespace sreg
