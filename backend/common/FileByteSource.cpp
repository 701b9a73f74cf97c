#include "FileByteSource.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sreg {

FileByteSource::FileByteSource(QString path, int fd, qint64 size)
    : m_path(std::move(path))
    , m_fd(fd)
    , m_size(size)
{
}

FileByteSource::~FileByteSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::unique_ptr<FileByteSource>> FileByteSource::open(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
            QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(path));
    }
    return std::unique_ptr<FileByteSource>(new FileByteSource(path, fd, qint64(info.st_size)));
}

Result<qint64> FileByteSource::readAt(qint64 offset, char* buffer, qint64 length)
{
    if (offset < 0 || length < 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("negative read range"));
    if (offset >= m_size || length == 0)
        return qint64(0);
    length = std::min(length, m_size - offset);
    for (;;) {
        const ssize_t n = ::pread(m_fd, buffer, size_t(length), off_t(offset));
        if (n >= 0)
            return qint64(n);
        if (errno != EINTR)
            return Error(ErrorCode::Io,
                QStringLiteral("reading %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))));
    }
}

} // namespace sreg
