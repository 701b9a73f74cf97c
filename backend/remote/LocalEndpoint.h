#pragma once

#include "TransferEndpoint.h"
#include "registry/Actor.h"

namespace sreg {
class Registry;
}

namespace sreg::remote {

// The registry of this computer (the data folder of the CLI or the desktop), acting as the given actor. Bytes
// arrive through a PushSession: hashed and checked against the announced digest as they stream, parsed as a
// SIF, and recorded in one transaction, or not at all. Bytes the store already holds (pushed to any collection)
// are not fetched again.
class LocalEndpoint final : public TransferEndpoint
{
public:
    static constexpr qint64 ChunkBytes = 1 << 20;

    LocalEndpoint(std::shared_ptr<Registry> registry, Actor actor);

    QString describe() const override;
    Result<std::optional<CollectionRecord>> findCollection(const QString& name) override;
    Status createCollection(const CollectionRecord& like) override;
    Result<QList<TagRecord>> tags(const QString& collection) override;
    Result<std::shared_ptr<ByteSource>> read(const ImageRecord& image) override;
    Result<ReceiveOutcome> receive(const PushRequest& request, const Digest& digest, qint64 size,
                                   const OpenBytes& openBytes, const ProgressCallback& progress) override;
    Status removeTag(const TagRecord& tag) override;
    bool canFreeze() const override { return true; }
    Status setFrozen(const TagRecord& tag, bool frozen) override;

private:
    // The image already stored under digest, tagged as the request says; nullopt when the bytes are not here.
    Result<std::optional<ImageRecord>> reuse(const PushRequest& request, const Digest& digest);

    std::shared_ptr<Registry> m_registry;
    Actor m_actor;
};

} // namespace sreg::remote
