#include "LocalEndpoint.h"

#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobStore.h"

#include <QByteArray>

namespace sreg::remote {

LocalEndpoint::LocalEndpoint(std::shared_ptr<Registry> registry, Actor actor)
    : m_registry(std::move(registry))
    , m_actor(std::move(actor))
{
}

QString LocalEndpoint::describe() const
{
    return QStringLiteral("the local registry (%1)").arg(m_registry->options().dataDir);
}

Result<std::optional<CollectionRecord>> LocalEndpoint::findCollection(const QString& name)
{
    Result<CollectionRecord> found = m_registry->collections().get(m_actor, name);
    if (found)
        return std::optional<CollectionRecord>(*found);
    if (found.error().code() == ErrorCode::NotFound)
        return std::optional<CollectionRecord>();
    return found.error();
}

Status LocalEndpoint::createCollection(const CollectionRecord& like)
{
    Result<CollectionRecord> created
        = m_registry->collections().create(m_actor, like.name, like.description, like.isPrivate);
    if (!created)
        return created.error();
    return {};
}

Result<QList<TagRecord>> LocalEndpoint::tags(const QString& collection)
{
    return m_registry->images().tags(m_actor, collection);
}

Result<std::shared_ptr<ByteSource>> LocalEndpoint::read(const ImageRecord& image)
{
    // A copy out of this registry is not a user's pull: the download count stays for those.
    Result<std::unique_ptr<ByteSource>> bytes = m_registry->images().openBytes(m_actor, image, false);
    if (!bytes)
        return bytes.error();
    return std::shared_ptr<ByteSource>(std::move(*bytes));
}

Result<std::optional<ImageRecord>> LocalEndpoint::reuse(const PushRequest& request, const Digest& digest)
{
    Result<bool> stored = m_registry->store().exists(digest);
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<ImageRecord>();
    ImageService& images = m_registry->images();
    Result<ContainerRecord> container
        = m_registry->collections().ensureContainer(m_actor, request.collection, request.container);
    if (!container)
        return container.error();
    Result<ImageRecord> image = images.announce(m_actor, request.collection, request.container, digest, request.description);
    if (!image)
        return image.error();
    if (!image->uploaded)
        return std::optional<ImageRecord>(); // in the store but not recorded (a GC candidate): send the bytes
    for (const QString& tag : request.tags) {
        Result<TagRecord> set = images.setTag(m_actor, *image, tag, request.arch);
        if (!set)
            return set.error();
    }
    Result<ImageRecord> fresh = images.imageById(m_actor, image->id);
    if (!fresh)
        return fresh.error();
    return std::optional<ImageRecord>(*fresh);
}

Result<ReceiveOutcome> LocalEndpoint::receive(const PushRequest& request, const Digest& digest, qint64 size,
                                              const OpenBytes& openBytes, const ProgressCallback& progress)
{
    if (request.createCollection) {
        Result<std::optional<CollectionRecord>> collection = findCollection(request.collection);
        if (!collection)
            return collection.error();
        if (!*collection) {
            CollectionRecord like;
            like.name = request.collection;
            like.isPrivate = request.isPrivate.value_or(false);
            if (Status created = createCollection(like); !created)
                return created.error();
        }
    }
    Result<std::optional<ImageRecord>> reused = reuse(request, digest);
    if (!reused)
        return reused.error();
    if (*reused) {
        if (progress)
            progress(size, size);
        return ReceiveOutcome { **reused, false, 0 };
    }

    PushRequest push = request;
    push.expectedDigest = digest;
    push.expectedSize = size;
    Result<std::unique_ptr<PushSession>> session = m_registry->images().beginPush(m_actor, push);
    if (!session)
        return session.error();
    Result<std::shared_ptr<ByteSource>> bytes = openBytes();
    if (!bytes)
        return bytes.error();
    if ((*bytes)->size() != size)
        return Error(ErrorCode::SizeMismatch,
                     QStringLiteral("the source has %1 bytes, %2 were announced").arg((*bytes)->size()).arg(size));
    QByteArray buffer(ChunkBytes, Qt::Uninitialized);
    for (qint64 offset = 0; offset < size;) {
        Result<qint64> got = (*bytes)->readAt(offset, buffer.data(), std::min<qint64>(buffer.size(), size - offset));
        if (!got)
            return got.error();
        if (*got <= 0)
            return Error(ErrorCode::Io, QStringLiteral("the source ended at byte %1 of %2").arg(offset).arg(size));
        if (Status written = (*session)->write(buffer.constData(), *got); !written)
            return written.error();
        offset += *got;
        if (progress && !progress(offset, size))
            return Error(ErrorCode::Cancelled, QStringLiteral("the transfer was cancelled"));
    }
    Result<ImageRecord> image = (*session)->finish();
    if (!image)
        return image.error();
    return ReceiveOutcome { *image, true, size };
}

Status LocalEndpoint::removeTag(const TagRecord& tag)
{
    ImageRef ref;
    ref.collection = tag.collection;
    ref.container = tag.container;
    ref.tag = tag.name;
    return m_registry->images().remove(m_actor, ref, tag.arch);
}

Status LocalEndpoint::setFrozen(const TagRecord& tag, bool frozen)
{
    ImageRef ref;
    ref.collection = tag.collection;
    ref.container = tag.container;
    ref.tag = tag.name;
    return m_registry->images().setFrozen(m_actor, ref, frozen, tag.arch);
}

} // namespace sreg::remote
