#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <sys/stat.h>
#include <sys/types.h>

namespace sreg {

// Thin, checked wrappers around the POSIX calls the local store needs. Every failure becomes an Io error
// that names the path and carries strerror's text, so that a full disk or a permission problem is obvious
// from the message alone.
namespace Posix {

QByteArray native(const QString& path);
QString errnoText(int error);
Error ioError(const QString& action, const QString& path, int error); // "<action> <path>: <strerror>"

// Opens with O_CLOEXEC added; NotFound when the path does not exist.
Result<int> open(const QString& path, int flags, mode_t mode = 0600);
void close(int fd);
Status writeAll(int fd, const char* data, size_t size, const QString& path);
Status pwriteAll(int fd, const char* data, size_t size, off_t offset, const QString& path);
Status preadAll(int fd, char* data, size_t size, off_t offset, const QString& path);
Status syncData(int fd, const QString& path);
// Makes a rename or unlink inside directory durable.
Status syncDirectory(const QString& directory);
// Creates one directory level; true when it was created, false when it already existed.
Result<bool> makeDirectory(const QString& path, mode_t mode = 0700);
Status makeDirectories(const QString& path);
// Removing something absent succeeds.
Status removeFile(const QString& path);
Status removeDirectory(const QString& path);
// lstat; NotFound when absent.
Result<struct stat> status(const QString& path);
// Names in directory except "." and "..", sorted.
Result<QStringList> listDirectory(const QString& directory);

} // namespace Posix
} // namespace sreg
