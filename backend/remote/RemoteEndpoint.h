#pragma once

#include "TransferEndpoint.h"

namespace sreg::remote {

class RemoteRegistry;

// A remote registry as one side of a copy. Reading streams the image with ranged GETs (resumed after a broken
// connection); receiving follows the library API's push: the image is announced by its digest, and a server
// that already holds those bytes says "uploaded" so nothing is sent; otherwise LibraryUploader sends them
// (resumable parts on our server), and the server checks them against the digest before recording the image.
class RemoteEndpoint final : public TransferEndpoint
{
public:
    explicit RemoteEndpoint(std::shared_ptr<RemoteRegistry> registry);

    QString describe() const override;
    Result<std::optional<CollectionRecord>> findCollection(const QString& name) override;
    Status createCollection(const CollectionRecord& like) override;
    Result<QList<TagRecord>> tags(const QString& collection) override;
    Result<std::shared_ptr<ByteSource>> read(const ImageRecord& image) override;
    Result<ReceiveOutcome> receive(const PushRequest& request, const Digest& digest, qint64 size,
                                   const OpenBytes& openBytes, const ProgressCallback& progress) override;
    Status removeTag(const TagRecord& tag) override;
    bool canFreeze() const override;
    Status setFrozen(const TagRecord& tag, bool frozen) override;

    const std::shared_ptr<RemoteRegistry>& registry() const { return m_registry; }

private:
    std::shared_ptr<RemoteRegistry> m_registry;
};

} // namespace sreg::remote
