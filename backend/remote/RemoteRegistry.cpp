#include "RemoteRegistry.h"

#include "AdminClient.h"
#include "LibraryClient.h"
#include "RemoteBlockSource.h"
#include "RemoteHttp.h"
#include "RemoteImageFile.h"
#include "RemoteProbe.h"
#include "RemoteStreamSource.h"
#include "SregistryClient.h"
#include "sif/SifImage.h"

#include <QJsonArray>
#include <QSet>

namespace sreg::remote {

namespace {

constexpr int SregistryPage = 100;

QString firstTag(const ImageRecord& image)
{
    return image.tags.isEmpty() ? QString() : image.tags.front();
}

} // namespace

Result<std::shared_ptr<RemoteRegistry>> RemoteRegistry::connect(const RemoteConnection& connection)
{
    auto http = std::make_shared<RemoteHttp>(connection);
    Result<RemoteInfo> info = RemoteProbe::run(*http);
    if (!info)
        return info.error();
    return std::make_shared<RemoteRegistry>(std::move(http), *info);
}

RemoteRegistry::RemoteRegistry(std::shared_ptr<RemoteHttp> http, RemoteInfo info)
    : m_http(std::move(http))
    , m_info(std::move(info))
{
}

RemoteRegistry::~RemoteRegistry() = default;

QString RemoteRegistry::displayUrl() const
{
    return m_http->connection().displayUrl();
}

AdminClient RemoteRegistry::admin()
{
    return AdminClient(*m_http);
}

LibraryClient RemoteRegistry::library()
{
    return LibraryClient(*m_http, m_info.user.isEmpty() ? m_http->connection().username : m_info.user,
                         m_info.apiVersion);
}

SregistryClient RemoteRegistry::sregistry()
{
    return SregistryClient(*m_http);
}

Result<QList<CollectionRecord>> RemoteRegistry::collections(const CollectionQuery& query)
{
    if (isOurServer())
        return admin().collections(query);
    if (!m_info.nativeApi)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 has no API that lists collections").arg(displayUrl()));
    int offset = 0;
    if (!query.after.isEmpty()) {
        std::lock_guard lock(m_mutex);
        offset = m_offsetAfter.value(query.after, -1);
    }
    QList<CollectionRecord> records;
    // Without a remembered position (a listing that did not start here), walk from the start.
    const bool scan = offset < 0;
    if (scan)
        offset = 0;
    for (;;) {
        Result<SregistryClient::Page> page = sregistry().collections(offset, SregistryPage);
        if (!page)
            return page.error();
        for (const SregistryClient::CollectionEntry& entry : page->collections) {
            ++offset;
            if ((scan && entry.name <= query.after)
                || (!query.filter.isEmpty() && !entry.name.contains(query.filter, Qt::CaseInsensitive)))
                continue;
            CollectionRecord record;
            record.id = entry.id;
            record.name = entry.name;
            record.createdAt = entry.createdAt;
            record.updatedAt = entry.updatedAt;
            QSet<QString> containers;
            for (const SregistryClient::ContainerEntry& container : entry.containers)
                containers.insert(container.name);
            record.containerCount = containers.size();
            record.imageCount = entry.containers.size();
            records.append(record);
            std::lock_guard lock(m_mutex);
            m_offsetAfter.insert(record.name, offset);
            if (records.size() >= query.limit)
                return records;
        }
        if (!page->more || page->collections.isEmpty())
            return records;
    }
}

Result<CollectionRecord> RemoteRegistry::collection(const QString& name)
{
    if (isOurServer())
        return admin().collection(name);
    Result<SregistryClient::CollectionEntry> entry = sregistry().collection(name);
    if (!entry)
        return entry.error();
    CollectionRecord record;
    record.id = entry->id;
    record.name = entry->name;
    record.createdAt = entry->createdAt;
    record.updatedAt = entry->updatedAt;
    record.imageCount = entry->containers.size();
    return record;
}

Result<QList<ContainerRecord>> RemoteRegistry::containers(const QString& collection)
{
    if (isOurServer())
        return admin().containers(collection);
    Result<SregistryClient::CollectionEntry> entry = sregistry().collection(collection);
    if (!entry)
        return entry.error();
    QList<ContainerRecord> records;
    QHash<QString, int> index;
    for (const SregistryClient::ContainerEntry& container : entry->containers) {
        if (!index.contains(container.name)) {
            index.insert(container.name, int(records.size()));
            ContainerRecord record;
            record.collection = collection;
            record.collectionId = entry->id;
            record.name = container.name;
            records.append(record);
        }
        ++records[index.value(container.name)].imageCount;
    }
    return records;
}

Result<QList<TagRecord>> RemoteRegistry::sregistryTags(const QString& collection, const QString& onlyContainer)
{
    Result<SregistryClient::CollectionEntry> entry = sregistry().collection(collection);
    if (!entry)
        return entry.error();
    LibraryClient lib = library();
    QList<TagRecord> tags;
    for (const SregistryClient::ContainerEntry& container : entry->containers) {
        if (!onlyContainer.isEmpty() && container.name != onlyContainer)
            continue;
        TagRecord tag;
        tag.collection = collection;
        tag.collectionId = entry->id;
        tag.container = container.name;
        tag.name = container.tag;
        Result<QJsonObject> manifest = sregistry().container(collection, container.name, container.tag);
        if (manifest) {
            tag.frozen = manifest->value(QStringLiteral("frozen")).toBool();
            tag.createdAt = tag.updatedAt = SregistryClient::parseTime(manifest->value(QStringLiteral("add_date")).toString());
            tag.image.digest = manifest->value(QStringLiteral("version")).toString();
            tag.id = qint64(manifest->value(QStringLiteral("id")).toDouble());
        }
        if (m_info.libraryApi) {
            Result<std::optional<LibraryClient::Image>> image = lib.image(collection, container.name, container.tag, {});
            if (image && *image) {
                tag.image.digest = (*image)->hash;
                tag.image.size = (*image)->size;
                tag.image.arch = (*image)->arch;
                tag.image.uploaded = (*image)->uploaded;
                tag.image.id = (*image)->id.toLongLong();
            }
        }
        tag.arch = tag.image.arch;
        tag.image.collection = collection;
        tag.image.container = container.name;
        tag.image.tags = { container.tag };
        tags.append(tag);
    }
    return tags;
}

Result<QList<TagRecord>> RemoteRegistry::tags(const QString& collection, const TagQuery& query)
{
    if (isOurServer())
        return admin().tags(collection, query);
    Result<QList<TagRecord>> all = sregistryTags(collection, query.container);
    if (!all)
        return all;
    QList<TagRecord> page;
    for (const TagRecord& tag : *all) {
        if (!query.after.isEmpty() && QStringLiteral("%1:%2:%3").arg(tag.container, tag.name, tag.arch) <= query.after)
            continue;
        page.append(tag);
        if (page.size() >= query.limit)
            break;
    }
    return page;
}

Result<QList<TagRecord>> RemoteRegistry::allTags(const QString& collection)
{
    if (isOurServer())
        return admin().allTags(collection);
    return sregistryTags(collection, {});
}

Result<SearchResults> RemoteRegistry::search(const SearchQuery& query)
{
    if (isOurServer())
        return admin().search(query);
    // sregistry's search endpoints are broken (see reference/sregistry-server.md): filter the listing instead.
    SearchResults results;
    CollectionQuery all;
    all.limit = 100000;
    Result<QList<CollectionRecord>> collections = this->collections(all);
    if (!collections)
        return collections.error();
    for (const CollectionRecord& collection : *collections) {
        if (collection.name.contains(query.text, Qt::CaseInsensitive))
            results.collections.append(collection);
    }
    return results;
}

Result<ImageRecord> RemoteRegistry::resolve(const ImageRef& ref, const QString& arch)
{
    const QString tagOrDigest = ref.isDigest() ? ref.digest->toString() : ref.tag;
    Result<std::optional<LibraryClient::Image>> found = library().image(ref.collection, ref.container, tagOrDigest, arch);
    if (!found)
        return found.error();
    if (!*found || !(*found)->uploaded)
        return Error(ErrorCode::NotFound, QStringLiteral("%1 has no image %2%3")
                                              .arg(displayUrl(), ref.toString(),
                                                   arch.isEmpty() ? QString() : QStringLiteral(" for %1").arg(arch)));
    ImageRecord image;
    image.id = (*found)->id.toLongLong();
    image.collection = ref.collection;
    image.container = ref.container;
    image.digest = (*found)->hash;
    image.size = (*found)->size;
    image.arch = (*found)->arch;
    image.uploaded = true;
    image.tags = (*found)->tags;
    if (!ref.isDigest() && !image.tags.contains(ref.tag))
        image.tags.prepend(ref.tag);
    return image;
}

QString RemoteRegistry::pullPath(const ImageRecord& image) const
{
    const QString entity = m_info.user.isEmpty() ? m_http->connection().username : m_info.user;
    LibraryClient lib(*m_http, entity, m_info.apiVersion);
    // Our server resolves digests, which never move; sregistry knows its images by tag only.
    const QString ref = isOurServer() || firstTag(image).isEmpty() ? image.digest : firstTag(image);
    return lib.imageFilePath(image.collection, image.container, ref, image.arch);
}

std::shared_ptr<ByteSource> RemoteRegistry::streamImage(const ImageRecord& image)
{
    return std::make_shared<RemoteStreamSource>(std::make_shared<RemoteImageFile>(m_http, pullPath(image), image.size));
}

std::shared_ptr<ByteSource> RemoteRegistry::inspectImage(const ImageRecord& image)
{
    const QString path = isOurServer() && image.id > 0 ? AdminClient::filePath(image.id) : pullPath(image);
    return std::make_shared<RemoteBlockSource>(std::make_shared<RemoteImageFile>(m_http, path, image.size));
}

Result<QJsonObject> RemoteRegistry::imageMetadata(const ImageRecord& image)
{
    if (image.size <= 0)
        return Error(ErrorCode::NotFound, QStringLiteral("the image has no bytes yet"));
    Result<sif::SifImage> parsed = sif::SifImage::open(inspectImage(image));
    if (!parsed)
        return parsed.error();
    return parsed->toJson();
}

} // namespace sreg::remote
