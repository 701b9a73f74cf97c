#include "RemoteEndpoint.h"

#include "AdminClient.h"
#include "LibraryClient.h"
#include "LibraryUploader.h"
#include "RemoteRegistry.h"
#include "SregistryClient.h"

namespace sreg::remote {

namespace {

ImageRef tagRef(const TagRecord& tag)
{
    ImageRef ref;
    ref.collection = tag.collection;
    ref.container = tag.container;
    ref.tag = tag.name;
    return ref;
}

} // namespace

RemoteEndpoint::RemoteEndpoint(std::shared_ptr<RemoteRegistry> registry)
    : m_registry(std::move(registry))
{
}

QString RemoteEndpoint::describe() const
{
    return m_registry->displayUrl();
}

Result<std::optional<CollectionRecord>> RemoteEndpoint::findCollection(const QString& name)
{
    Result<CollectionRecord> found = m_registry->collection(name);
    if (found)
        return std::optional<CollectionRecord>(*found);
    if (found.error().code() == ErrorCode::NotFound)
        return std::optional<CollectionRecord>();
    return found.error();
}

Status RemoteEndpoint::createCollection(const CollectionRecord& like)
{
    if (m_registry->isOurServer()) {
        Result<CollectionRecord> created = m_registry->admin().createCollection(like.name, like.description, like.isPrivate);
        if (!created)
            return created.error();
        return {};
    }
    Result<QString> created = m_registry->library().ensureCollection(like.name, like.isPrivate);
    if (!created)
        return created.error();
    return {};
}

Result<QList<TagRecord>> RemoteEndpoint::tags(const QString& collection)
{
    return m_registry->allTags(collection);
}

Result<std::shared_ptr<ByteSource>> RemoteEndpoint::read(const ImageRecord& image)
{
    if (image.size <= 0)
        return Error(ErrorCode::NotFound,
                     QStringLiteral("%1/%2 (%3) has no bytes on %4")
                         .arg(image.collection, image.container, image.digest, describe()));
    return m_registry->streamImage(image);
}

Result<ReceiveOutcome> RemoteEndpoint::receive(const PushRequest& request, const Digest& digest, qint64 size,
                                               const OpenBytes& openBytes, const ProgressCallback& progress)
{
    LibraryClient library = m_registry->library();
    if (request.createCollection) {
        Result<std::optional<CollectionRecord>> existing = findCollection(request.collection);
        if (!existing)
            return existing.error();
        if (!*existing) {
            CollectionRecord like;
            like.name = request.collection;
            like.isPrivate = request.isPrivate.value_or(false);
            like.description = request.description;
            if (Status created = createCollection(like); !created)
                return created.error();
        }
    }
    Result<QString> collectionId = library.ensureCollection(request.collection, request.isPrivate.value_or(false));
    if (!collectionId)
        return collectionId.error();
    Result<QString> containerId = library.ensureContainer(*collectionId, request.collection, request.container);
    if (!containerId)
        return containerId.error();

    // The server decides whether the bytes must travel: "uploaded" means it holds them already.
    Result<std::optional<LibraryClient::Image>> existing
        = library.image(request.collection, request.container, digest.toString(), request.arch);
    if (!existing)
        return existing.error();
    LibraryClient::Image image;
    if (*existing) {
        image = **existing;
    } else {
        Result<LibraryClient::Image> created = library.createImage(*containerId, digest, request.description);
        if (!created)
            return created.error();
        image = *created;
    }
    ReceiveOutcome outcome;
    if (!image.uploaded) {
        Result<std::shared_ptr<ByteSource>> bytes = openBytes();
        if (!bytes)
            return bytes.error();
        if ((*bytes)->size() != size)
            return Error(ErrorCode::SizeMismatch,
                         QStringLiteral("the source has %1 bytes, %2 were announced").arg((*bytes)->size()).arg(size));
        LibraryUploader uploader(m_registry->http(), m_registry->info().multipartResume);
        if (Status sent = uploader.upload(image.id, digest, **bytes, progress); !sent)
            return sent.error();
        outcome.bytesSent = true;
        outcome.bytes = size;
    } else if (progress) {
        progress(size, size);
    }
    const QString arch = request.arch.isEmpty() ? image.arch : request.arch;
    for (const QString& tag : request.tags) {
        if (Status set = library.setTag(*containerId, tag, image.id, arch); !set)
            return set.error();
    }
    outcome.image.id = image.id.toLongLong();
    outcome.image.collection = request.collection;
    outcome.image.container = request.container;
    outcome.image.digest = digest.toString();
    outcome.image.size = size;
    outcome.image.arch = arch;
    outcome.image.uploaded = true;
    outcome.image.tags = request.tags;
    return outcome;
}

Status RemoteEndpoint::removeTag(const TagRecord& tag)
{
    if (m_registry->isOurServer())
        return m_registry->admin().remove(tagRef(tag), tag.arch);
    return m_registry->sregistry().remove(tag.collection, tag.container, tag.name);
}

bool RemoteEndpoint::canFreeze() const
{
    return m_registry->isOurServer();
}

Status RemoteEndpoint::setFrozen(const TagRecord& tag, bool frozen)
{
    if (!canFreeze())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 has no API to freeze tags").arg(describe()));
    return m_registry->admin().setFrozen(tagRef(tag), frozen, tag.arch);
}

} // namespace sreg::remote
