#pragma once

#include "ChunkedUpload.h"

#include <QString>
#include <functional>
#include <memory>

namespace sreg {

// Where one ObjectBlobWriter puts its bytes, as its store decides it per write.
struct BlobDestination
{
    // The object a part is stored at (a fixed key, replaced when written again). Empty for a blob, whose key
    // follows from its digest through keyFor.
    QString key;
    // Content addressing: the key of the blob with a digest. When that object is already there, commit stores
    // nothing (same name, same bytes).
    std::function<QString(const Digest&)> keyFor;
    // Called with the first full chunk: the upload that takes the chunks of a larger blob.
    std::function<Result<std::unique_ptr<ChunkedUpload>>()> beginChunked;
    // Runs after a successful commit (a re-sent multipart part removes the part it replaced); its failure is
    // the commit's failure.
    std::function<Status()> afterCommit;
};

} // namespace sreg
