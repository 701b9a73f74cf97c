#include "BlobWriter.h"

#include <QByteArray>

namespace sreg {

Status BlobWriter::writeFrom(ByteSource& source, qint64 offset, qint64 length, const std::function<bool(qint64)>& progress)
{
    constexpr qint64 Chunk = 4 * 1024 * 1024;
    QByteArray buffer(int(std::min(Chunk, std::max<qint64>(length, 1))), Qt::Uninitialized);
    for (qint64 done = 0; done < length;) {
        Result<qint64> n = source.readAt(offset + done, buffer.data(), std::min<qint64>(buffer.size(), length - done));
        if (!n)
            return n.error();
        if (*n == 0)
            return Error(ErrorCode::Io, QStringLiteral("the source ended %1 bytes early").arg(length - done));
        if (Status written = write(buffer.constData(), *n); !written)
            return written;
        done += *n;
        if (progress && !progress(done))
            return Error(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    }
    return {};
}

} // namespace sreg
