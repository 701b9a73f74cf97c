#include "MultipartAssembler.h"

#include "ParallelHasher.h"
#include "Posix.h"

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

namespace sreg {
namespace {

bool copyRangeUnsupported(int error)
{
    return error == EXDEV || error == EINVAL || error == ENOSYS || error == EOPNOTSUPP || error == EBADF;
}

} // namespace

Result<Digest> MultipartAssembler::assemble(const std::vector<Input>& inputs, int outFd, const QString& outPath)
{
    // Two buffers: the next chunk is read while the helper thread still hashes the previous one.
    std::unique_ptr<char[]> buffers[2] = { std::make_unique<char[]>(ChunkSize), std::make_unique<char[]>(ChunkSize) };
    ParallelHasher hasher; // after the buffers, so that it stops before they are freed
    bool useCopyRange = true;
    off_t outOffset = 0;
    int current = 0;
    for (const Input& input : inputs) {
        ::posix_fadvise(input.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        off_t inOffset = 0;
        while (inOffset < input.size) {
            char* buffer = buffers[current].get();
            const size_t chunk = size_t(std::min<qint64>(qint64(ChunkSize), input.size - inOffset));
            if (Status read = Posix::preadAll(input.fd, buffer, chunk, inOffset, input.path); !read)
                return read.error();
            hasher.start(buffer, chunk);
            size_t copied = 0;
            while (useCopyRange && copied < chunk) {
                off_t from = inOffset + off_t(copied);
                const ssize_t n = ::copy_file_range(input.fd, &from, outFd, &outOffset, chunk - copied, 0);
                if (n > 0) {
                    copied += size_t(n);
                } else if (n == 0) {
                    return Error(ErrorCode::Io, QStringLiteral("%1 ended while it was copied").arg(input.path));
                } else if (errno != EINTR) {
                    if (!copyRangeUnsupported(errno))
                        return Posix::ioError(QStringLiteral("cannot copy into"), outPath, errno);
                    useCopyRange = false;
                }
            }
            if (copied < chunk) {
                Status written = Posix::pwriteAll(outFd, buffer + copied, chunk - copied, outOffset, outPath);
                if (!written)
                    return written.error();
                outOffset += off_t(chunk - copied);
            }
            inOffset += off_t(chunk);
            current ^= 1;
        }
    }
    return hasher.finish();
}

Result<Digest> MultipartAssembler::hash(const Input& input)
{
    std::unique_ptr<char[]> buffers[2] = { std::make_unique<char[]>(ChunkSize), std::make_unique<char[]>(ChunkSize) };
    ParallelHasher hasher; // after the buffers, so that it stops before they are freed
    ::posix_fadvise(input.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    int current = 0;
    for (off_t offset = 0; offset < input.size;) {
        const size_t chunk = size_t(std::min<qint64>(qint64(ChunkSize), input.size - offset));
        if (Status read = Posix::preadAll(input.fd, buffers[current].get(), chunk, offset, input.path); !read)
            return read.error();
        hasher.start(buffers[current].get(), chunk); // the next chunk is read while this one is hashed
        offset += off_t(chunk);
        current ^= 1;
    }
    return hasher.finish();
}

} // namespace sreg
