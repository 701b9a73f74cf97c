#pragma once

#include "common/Result.h"

#include <QString>

namespace sreg {

// An exclusive flock() on an existing file, held until destroyed. flock locks belong to an open file
// description, so the same lock serialises threads of one process (each opens its own) as well as separate
// processes sharing the data folder.
class FileLock final
{
public:
    // Blocks until the lock is ours; NotFound when the file does not exist.
    static Result<FileLock> acquire(const QString& path);
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

private:
    explicit FileLock(int fd) : m_fd(fd) { }

    int m_fd = -1;
};

} // namespace sreg
