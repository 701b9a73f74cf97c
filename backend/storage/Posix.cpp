#include "Posix.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace sreg::Posix {

QByteArray native(const QString& path)
{
    return QFile::encodeName(path);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

Error ioError(const QString& action, const QString& path, int error)
{
    return Error(ErrorCode::Io, QStringLiteral("%1 %2: %3").arg(action, path, errnoText(error)));
}

Result<int> open(const QString& path, int flags, mode_t mode)
{
    for (;;) {
        const int fd = ::open(native(path).constData(), flags | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
        if (errno == EINTR)
            continue;
        if (errno == ENOENT)
            return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
        return ioError(QStringLiteral("cannot open"), path, errno);
    }
}

void close(int fd)
{
    // Not retried on EINTR: on Linux the descriptor is released even then, and a retry could close a
    // descriptor another thread has just been given.
    if (fd >= 0)
        ::close(fd);
}

Status writeAll(int fd, const char* data, size_t size, const QString& path)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot write"), path, errno);
        }
        if (n == 0)
            return Error(ErrorCode::Io, QStringLiteral("cannot write %1: no space left").arg(path));
        data += n;
        size -= size_t(n);
    }
    return {};
}

Status pwriteAll(int fd, const char* data, size_t size, off_t offset, const QString& path)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot write"), path, errno);
        }
        if (n == 0)
            return Error(ErrorCode::Io, QStringLiteral("cannot write %1: no space left").arg(path));
        data += n;
        size -= size_t(n);
        offset += n;
    }
    return {};
}

Status preadAll(int fd, char* data, size_t size, off_t offset, const QString& path)
{
    while (size > 0) {
        const ssize_t n = ::pread(fd, data, size, offset);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(QStringLiteral("cannot read"), path, errno);
        }
        if (n == 0)
            return Error(ErrorCode::Io,
                         QStringLiteral("cannot read %1: it ends before offset %2").arg(path).arg(offset));
        data += n;
        size -= size_t(n);
        offset += n;
    }
    return {};
}

Status syncData(int fd, const QString& path)
{
    while (::fdatasync(fd) != 0) {
        if (errno != EINTR)
            return ioError(QStringLiteral("cannot flush"), path, errno);
    }
    return {};
}

Status syncDirectory(const QString& directory)
{
    Result<int> fd = open(directory, O_RDONLY | O_DIRECTORY);
    if (!fd)
        return fd.error();
    int error = 0;
    while (::fsync(*fd) != 0) {
        if (errno != EINTR) {
            error = errno;
            break;
        }
    }
    close(*fd);
    if (error != 0 && error != EINVAL) // EINVAL: the file system cannot sync directories (nothing to do)
        return ioError(QStringLiteral("cannot flush directory"), directory, error);
    return {};
}

Result<bool> makeDirectory(const QString& path, mode_t mode)
{
    if (::mkdir(native(path).constData(), mode) == 0)
        return true;
    if (errno == EEXIST) {
        struct stat info
        {
        };
        if (::stat(native(path).constData(), &info) == 0 && S_ISDIR(info.st_mode))
            return false;
        return Error(ErrorCode::Io, QStringLiteral("%1 exists but is not a directory").arg(path));
    }
    return ioError(QStringLiteral("cannot create directory"), path, errno);
}

Status makeDirectories(const QString& path)
{
    const QString clean = QDir::cleanPath(path);
    const qsizetype slash = clean.lastIndexOf(u'/');
    if (slash > 0) {
        struct stat info
        {
        };
        if (::stat(native(clean.left(slash)).constData(), &info) != 0) {
            if (Status parent = makeDirectories(clean.left(slash)); !parent)
                return parent;
        }
    }
    Result<bool> made = makeDirectory(clean);
    if (!made)
        return made.error();
    return {};
}

Status removeFile(const QString& path)
{
    if (::unlink(native(path).constData()) != 0 && errno != ENOENT)
        return ioError(QStringLiteral("cannot remove"), path, errno);
    return {};
}

Status removeDirectory(const QString& path)
{
    if (::rmdir(native(path).constData()) != 0 && errno != ENOENT)
        return ioError(QStringLiteral("cannot remove directory"), path, errno);
    return {};
}

Result<struct stat> status(const QString& path)
{
    struct stat info
    {
    };
    if (::lstat(native(path).constData(), &info) == 0)
        return info;
    if (errno == ENOENT || errno == ENOTDIR)
        return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    return ioError(QStringLiteral("cannot examine"), path, errno);
}

Result<QStringList> listDirectory(const QString& directory)
{
    DIR* dir = ::opendir(native(directory).constData());
    if (!dir) {
        if (errno == ENOENT)
            return Error(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(directory));
        return ioError(QStringLiteral("cannot list"), directory, errno);
    }
    QStringList names;
    for (;;) {
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (!entry)
            break;
        const QString name = QFile::decodeName(entry->d_name);
        if (name != QLatin1String(".") && name != QLatin1String(".."))
            names.append(name);
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0)
        return ioError(QStringLiteral("cannot list"), directory, error);
    names.sort();
    return names;
}

} // namespace sreg::Posix
