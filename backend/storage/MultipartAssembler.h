#pragma once

#include "common/Digest.h"
#include "common/Result.h"

#include <QString>
#include <vector>

namespace sreg {

// Concatenates the parts of a multipart upload into one file while hashing them.
//
// Cost, per byte of the image: one pread into our buffer (for SHA-256, on the helper thread, overlapped with
// the copy), one in-kernel copy with copy_file_range (no trip through user memory; on file systems with
// reflinks, such as XFS or Btrfs, no data is copied at all), and the hash. The parts were just written, so the
// reads mostly hit the page cache. Where copy_file_range is unavailable the bytes already in our buffer are
// written with pwrite instead.
class MultipartAssembler final
{
public:
    struct Input
    {
        int fd = -1;
        qint64 size = 0;
        QString path;
    };

    static constexpr size_t ChunkSize = 8 * 1024 * 1024;

    // Writes inputs one after another to outFd from offset 0 and returns the digest of the whole.
    static Result<Digest> assemble(const std::vector<Input>& inputs, int outFd, const QString& outPath);
    // The digest of input, read the same way (an upload whose parts were written in place needs only this).
    static Result<Digest> hash(const Input& input);
};

} // namespace sreg
