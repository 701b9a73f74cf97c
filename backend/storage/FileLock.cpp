#include "FileLock.h"

#include "Posix.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <utility>

namespace sreg {

Result<FileLock> FileLock::acquire(const QString& path)
{
    Result<int> fd = Posix::open(path, O_RDONLY);
    if (!fd)
        return fd.error();
    while (::flock(*fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            const int error = errno;
            Posix::close(*fd);
            return Posix::ioError(QStringLiteral("cannot lock"), path, error);
        }
    }
    return FileLock(*fd);
}

FileLock::FileLock(FileLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) { }

FileLock& FileLock::operator=(FileLock&& other) noexcept
{
    if (this != &other) {
        Posix::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

FileLock::~FileLock()
{
    Posix::close(m_fd); // closing the last descriptor releases the lock
}

} // namespace sreg
