#include "FileDownload.h"

#include "common/Sha256.h"

#include <QFile>
#include <QFileInfo>

namespace sreg::remote {

namespace {

constexpr qint64 ChunkBytes = 1 << 20;

} // namespace

QString FileDownload::partPath(const QString& path)
{
    return path + QStringLiteral(".part");
}

Status FileDownload::run(ByteSource& source, const Digest& digest, const QString& path, const ProgressCallback& progress)
{
    const qint64 size = source.size();
    QFile part(partPath(path));
    if (!part.open(QIODevice::ReadWrite))
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(part.fileName(), part.errorString()));
    // What an earlier attempt left: hash it again (cheap, local) and go on from its end.
    Sha256 hasher;
    QByteArray buffer(ChunkBytes, Qt::Uninitialized);
    qint64 have = std::min(part.size(), size);
    if (part.size() > size && !part.resize(0))
        return Error(ErrorCode::Io, QStringLiteral("cannot truncate %1").arg(part.fileName()));
    if (part.size() > size)
        have = 0;
    for (qint64 offset = 0; offset < have;) {
        const qint64 got = part.read(buffer.data(), std::min(ChunkBytes, have - offset));
        if (got <= 0)
            return Error(ErrorCode::Io, QStringLiteral("cannot read %1").arg(part.fileName()));
        hasher.update(buffer.constData(), size_t(got));
        offset += got;
    }
    if (!part.seek(have))
        return Error(ErrorCode::Io, QStringLiteral("cannot seek in %1").arg(part.fileName()));
    for (qint64 offset = have; offset < size;) {
        Result<qint64> got = source.readAt(offset, buffer.data(), std::min(ChunkBytes, size - offset));
        if (!got)
            return got.error(); // the part stays: a retry continues from here
        if (*got <= 0)
            return Error(ErrorCode::Io, QStringLiteral("the image ended at byte %1 of %2").arg(offset).arg(size));
        if (part.write(buffer.constData(), *got) != *got)
            return Error(ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(part.fileName(), part.errorString()));
        hasher.update(buffer.constData(), size_t(*got));
        offset += *got;
        if (progress && !progress(offset, size))
            return Error(ErrorCode::Cancelled, QStringLiteral("the download was stopped"));
    }
    if (!part.flush())
        return Error(ErrorCode::Io, QStringLiteral("cannot write %1").arg(part.fileName()));
    part.close();
    const Digest got = hasher.finish();
    if (!(got == digest)) {
        QFile::remove(part.fileName());
        return Error(ErrorCode::DigestMismatch,
                     QStringLiteral("the downloaded bytes hash to %1, not to %2").arg(got.toString(), digest.toString()));
    }
    if (QFileInfo::exists(path) && !QFile::remove(path))
        return Error(ErrorCode::Io, QStringLiteral("cannot replace %1").arg(path));
    if (!QFile::rename(part.fileName(), path))
        return Error(ErrorCode::Io, QStringLiteral("cannot rename %1 to %2").arg(part.fileName(), path));
    return {};
}

} // namespace sreg::remote
