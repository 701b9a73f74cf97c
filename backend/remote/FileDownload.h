#pragma once

#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"
#include "registry/ImageService.h"

#include <QString>

namespace sreg::remote {

// Saves an image to a file so that a stopped download resumes: the bytes go to "<path>.part", which an earlier
// attempt may have left (its bytes are hashed again, not fetched again, and the source is read from the first
// missing byte: a Range request for a remote one). The file appears under its name only once it holds exactly
// size bytes hashing to digest; wrong bytes are deleted so that a retry starts clean.
class FileDownload final
{
public:
    static QString partPath(const QString& path);
    static Status run(ByteSource& source, const Digest& digest, const QString& path,
                      const ProgressCallback& progress = {});
};

} // namespace sreg::remote
