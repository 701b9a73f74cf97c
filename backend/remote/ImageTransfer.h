#pragma once

#include "TransferEndpoint.h"

namespace sreg::remote {

// Copies one image between any two registries (local or remote, either way): the target receives it by digest,
// so bytes travel only when the target lacks them, stream through in bounded chunks, and are verified against
// the source's SHA-256 before the target records anything.
class ImageTransfer final
{
public:
    // target: where it goes (collection, container, tags; arch defaults to the image's). createCollection and
    // isPrivate apply when the collection is missing.
    static Result<ReceiveOutcome> copy(TransferEndpoint& from, const ImageRecord& image, TransferEndpoint& to,
                                       PushRequest target, const ProgressCallback& progress = {});
};

} // namespace sreg::remote
