#pragma once

#include "common/ByteSource.h"
#include "common/Digest.h"
#include "common/Result.h"
#include "metadata/Records.h"
#include "registry/ImageService.h"
#include "registry/PushRequest.h"

#include <functional>
#include <memory>
#include <optional>

namespace sreg::remote {

// What receiving an image came to.
struct ReceiveOutcome
{
    ImageRecord image;
    bool bytesSent = false; // false: the target already had the bytes (none travelled)
    qint64 bytes = 0; // bytes that travelled
};

// One side of a copy between registries, local or remote, as transfers and mirroring see it. Blocking; safe to
// call from several threads at once.
class TransferEndpoint
{
public:
    using OpenBytes = std::function<Result<std::shared_ptr<ByteSource>>()>;

    virtual ~TransferEndpoint() = default;

    virtual QString describe() const = 0; // "this computer", "https://host"
    virtual Result<std::optional<CollectionRecord>> findCollection(const QString& name) = 0;
    // Creates a collection named like `like`, with its description and privacy.
    virtual Status createCollection(const CollectionRecord& like) = 0;
    virtual Result<QList<TagRecord>> tags(const QString& collection) = 0; // every tag, with its image
    // The image's bytes, to be read front to back.
    virtual Result<std::shared_ptr<ByteSource>> read(const ImageRecord& image) = 0;
    // Makes request's collection/container hold an image of digest and size and points request.tags at it
    // (request.arch when the SIF does not say). Bytes come from openBytes only if this registry lacks them; they
    // are checked against digest and size before anything is recorded, and a failure records nothing.
    virtual Result<ReceiveOutcome> receive(const PushRequest& request, const Digest& digest, qint64 size,
                                           const OpenBytes& openBytes, const ProgressCallback& progress)
        = 0;
    virtual Status removeTag(const TagRecord& tag) = 0;
    virtual bool canFreeze() const = 0;
    virtual Status setFrozen(const TagRecord& tag, bool frozen) = 0;
};

} // namespace sreg::remote
