#include "RemoteSource.h"

#include "RemoteSourceCall.h"
#include "TaskManager.h"
#include "remote/AdminClient.h"
#include "remote/LibraryClient.h"
#include "remote/RemoteHttp.h"
#include "remote/SregistryClient.h"

namespace sreg {

namespace {

Result<bool> fromStatus(const Status& status)
{
    if (!status)
        return status.error();
    return true;
}

} // namespace

RemoteSource::RemoteSource(QString id, QString name, remote::RemoteConnection connection,
                           remote::RemoteInfo lastKnown, TaskManager* tasks, QObject* parent)
    : RegistrySource(parent)
    , m_id(std::move(id))
    , m_name(std::move(name))
    , m_connection(std::move(connection))
    , m_tasks(tasks)
    , m_info(std::move(lastKnown))
{
    // A few calls at once: a slow listing never holds up a quick lookup, and the server sees a handful of
    // connections at most.
    m_pool.setMaxThreadCount(4);
}

RemoteSource::~RemoteSource()
{
    m_pool.waitForDone();
}

Result<std::shared_ptr<remote::RemoteRegistry>> RemoteSource::connectedRegistry()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_registry)
            return m_registry;
    }
    Result<std::shared_ptr<remote::RemoteRegistry>> connected = remote::RemoteRegistry::connect(m_connection);
    if (!connected) {
        const Error error = connected.error();
        if (error.code() == ErrorCode::Unauthenticated)
            QMetaObject::invokeMethod(
                this, [this, message = error.message()] { Q_EMIT connectionFailed(message); }, Qt::QueuedConnection);
        return error;
    }
    {
        std::lock_guard lock(m_mutex);
        if (!m_registry) {
            m_registry = *connected;
            m_info = m_registry->info();
        }
    }
    QMetaObject::invokeMethod(this, [this] { Q_EMIT infoChanged(); }, Qt::QueuedConnection);
    std::lock_guard lock(m_mutex);
    return m_registry;
}

std::shared_ptr<remote::RemoteRegistry> RemoteSource::currentRegistry() const
{
    std::lock_guard lock(m_mutex);
    return m_registry;
}

remote::RemoteInfo RemoteSource::info() const
{
    std::lock_guard lock(m_mutex);
    return m_info;
}

void RemoteSource::setDisplayName(const QString& name)
{
    m_name = name;
}

QString RemoteSource::id() const
{
    return m_id;
}

QString RemoteSource::displayName() const
{
    return m_name;
}

QString RemoteSource::location() const
{
    return m_connection.displayUrl();
}

bool RemoteSource::supports(Feature feature) const
{
    return RemoteFeatures::supports(info(), feature);
}

QString RemoteSource::unsupportedReason(Feature feature) const
{
    return RemoteFeatures::reason(info(), m_name, feature);
}

QString RemoteSource::pullReference(const TagRecord& tag) const
{
    QString host = m_connection.baseUrl.host();
    if (m_connection.baseUrl.port() > 0)
        host += u':' + QString::number(m_connection.baseUrl.port());
    return QStringLiteral("library://%1/%2/%3:%4").arg(host, tag.collection, tag.container, tag.name);
}

// --- browse ---

void RemoteSource::collections(const CollectionQuery& query, QObject* context,
                               SourceCallback<QList<CollectionRecord>> done)
{
    call<QList<CollectionRecord>>(context, std::move(done),
                                  [query](remote::RemoteRegistry& r) { return r.collections(query); });
}

void RemoteSource::containers(const QString& collection, QObject* context, SourceCallback<QList<ContainerRecord>> done)
{
    call<QList<ContainerRecord>>(context, std::move(done),
                                 [collection](remote::RemoteRegistry& r) { return r.containers(collection); });
}

void RemoteSource::tags(const QString& collection, const TagQuery& query, QObject* context,
                        SourceCallback<QList<TagRecord>> done)
{
    call<QList<TagRecord>>(context, std::move(done),
                           [collection, query](remote::RemoteRegistry& r) { return r.tags(collection, query); });
}

void RemoteSource::imageMetadata(const ImageRecord& image, QObject* context, SourceCallback<QJsonObject> done)
{
    // Read from the image itself through ranges (header, descriptors, small objects): no download.
    call<QJsonObject>(context, std::move(done), [image](remote::RemoteRegistry& r) { return r.imageMetadata(image); });
}

void RemoteSource::history(const TagRecord& tag, QObject* context, SourceCallback<QList<TagHistoryRecord>> done)
{
    adminCall<QList<TagHistoryRecord>>(Feature::History, context, std::move(done), [tag](remote::RemoteRegistry& r) {
        return r.admin().history(tag.collection, tag.container, tag.name, tag.arch);
    });
}

void RemoteSource::search(const SearchQuery& query, QObject* context, SourceCallback<SearchResults> done)
{
    call<SearchResults>(context, std::move(done), [query](remote::RemoteRegistry& r) { return r.search(query); });
}

void RemoteSource::openImage(const ImageRecord& image, QObject* context,
                             SourceCallback<std::shared_ptr<ByteSource>> done)
{
    call<std::shared_ptr<ByteSource>>(context, std::move(done),
                                      [image](remote::RemoteRegistry& r) -> Result<std::shared_ptr<ByteSource>> {
                                          if (image.size <= 0)
                                              return Error(ErrorCode::NotFound,
                                                           QStringLiteral("the image has no bytes yet"));
                                          return r.inspectImage(image);
                                      });
}

// --- curate ---

void RemoteSource::createCollection(const QString& name, const QString& description, bool isPrivate,
                                    QObject* context, SourceCallback<CollectionRecord> done)
{
    call<CollectionRecord>(
        context, std::move(done),
        [name, description, isPrivate](remote::RemoteRegistry& r) -> Result<CollectionRecord> {
            if (r.isOurServer())
                return r.admin().createCollection(name, description, isPrivate);
            // Elsewhere the library API creates collections (without a description).
            Result<QString> created = r.library().ensureCollection(name, isPrivate);
            if (!created)
                return created.error();
            CollectionRecord record;
            record.name = name;
            record.isPrivate = isPrivate;
            return record;
        },
        [this] { Q_EMIT collectionChanged({}); });
}

void RemoteSource::updateCollection(const QString& name, const CollectionUpdate& update, QObject* context,
                                    SourceCallback<CollectionRecord> done)
{
    adminCall<CollectionRecord>(
        Feature::EditCollections, context, std::move(done),
        [name, update](remote::RemoteRegistry& r) { return r.admin().updateCollection(name, update); },
        [this, name] { Q_EMIT collectionChanged(name); });
}

void RemoteSource::deleteCollection(const QString& name, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::EditCollections, context, std::move(done),
        [name](remote::RemoteRegistry& r) { return fromStatus(r.admin().deleteCollection(name)); },
        [this] { Q_EMIT collectionChanged({}); });
}

void RemoteSource::members(const QString& collection, QObject* context,
                           SourceCallback<QList<CollectionMemberRecord>> done)
{
    adminCall<QList<CollectionMemberRecord>>(Feature::Members, context, std::move(done),
                                             [collection](remote::RemoteRegistry& r) {
                                                 return r.admin().members(collection);
                                             });
}

void RemoteSource::setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role,
                             QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Members, context, std::move(done),
        [=](remote::RemoteRegistry& r) { return fromStatus(r.admin().setMember(collection, principal, isTeam, role)); },
        [this, collection] { Q_EMIT collectionChanged(collection); });
}

void RemoteSource::setTag(const ImageRecord& image, const QString& tag, QObject* context,
                          SourceCallback<TagRecord> done)
{
    adminCall<TagRecord>(
        Feature::Tag, context, std::move(done),
        [image, tag](remote::RemoteRegistry& r) { return r.admin().setTag(image.id, tag, {}); },
        [this, collection = image.collection] { Q_EMIT collectionChanged(collection); });
}

void RemoteSource::setFrozen(const TagRecord& tag, bool frozen, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Freeze, context, std::move(done),
        [tag, frozen](remote::RemoteRegistry& r) {
            ImageRef ref;
            ref.collection = tag.collection;
            ref.container = tag.container;
            ref.tag = tag.name;
            return fromStatus(r.admin().setFrozen(ref, frozen, tag.arch));
        },
        [this, collection = tag.collection] { Q_EMIT collectionChanged(collection); });
}

void RemoteSource::remove(const ImageRef& ref, const QString& arch, QObject* context, SourceCallback<bool> done)
{
    adminCall<bool>(
        Feature::Delete, context, std::move(done),
        [ref, arch](remote::RemoteRegistry& r) -> Result<bool> {
            if (r.isOurServer())
                return fromStatus(r.admin().remove(ref, arch));
            if (ref.isDigest())
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("sregistry deletes by tag only: delete the image's tags"));
            return fromStatus(r.sregistry().remove(ref.collection, ref.container, ref.tag));
        },
        [this, collection = ref.collection] { Q_EMIT collectionChanged(collection); });
}

} // namespace sreg
