#include "ByteSource.h"

namespace sreg {

Result<QByteArray> ByteSource::read(qint64 offset, qint64 length)
{
    if (offset < 0 || length < 0 || offset > size() || length > size() - offset)
        return Error(ErrorCode::Io,
            QStringLiteral("range %1+%2 is outside the %3 bytes available").arg(offset).arg(length).arg(size()));
    QByteArray bytes(length, Qt::Uninitialized);
    qint64 done = 0;
    while (done < length) {
        Result<qint64> n = readAt(offset + done, bytes.data() + done, length - done);
        if (!n)
            return n.error();
        if (*n == 0)
            return Error(ErrorCode::Io, QStringLiteral("unexpected end of data at offset %1").arg(offset + done));
        done += *n;
    }
    return bytes;
}

} // namespace sreg
