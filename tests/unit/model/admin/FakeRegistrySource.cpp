#include "FakeRegistrySource.h"

#include "Task.h"
#include "TaskManager.h"
#include "registry/RecordJson.h"

#include <QDateTime>

namespace sreg::test {

namespace {

Error unavailable()
{
    return Error(ErrorCode::Unavailable, QStringLiteral("not modelled by the fake"));
}

Error notFound(const QString& what)
{
    return Error(ErrorCode::NotFound, QStringLiteral("%1 not found").arg(what));
}

Digest digestFor(qint64 n)
{
    std::array<unsigned char, 32> bytes {};
    for (int i = 0; i < 8; ++i)
        bytes[size_t(i)] = static_cast<unsigned char>((n >> (8 * i)) & 0xff);
    bytes[31] = 0xab;
    return Digest(bytes);
}

} // namespace

FakeRegistrySource::FakeRegistrySource(TaskManager* tasks, QObject* parent) : RegistrySource(parent), m_tasks(tasks) { }

void FakeRegistrySource::record(const QString& action, const QString& objectType, const QString& object,
                                const QString& outcome)
{
    AuditEventRecord event;
    event.id = m_nextId++;
    event.at = QDateTime::currentMSecsSinceEpoch();
    event.actor = QStringLiteral("local:tester");
    event.action = action;
    event.objectType = objectType;
    event.object = object;
    event.outcome = outcome.isEmpty() ? QStringLiteral("ok") : outcome;
    m_audit.append(event);
}

void FakeRegistrySource::addCollectionDirect(const CollectionRecord& record, const QList<ContainerRecord>& containers)
{
    CollectionRecord stored = record;
    stored.id = m_nextId++;
    stored.containerCount = containers.size();
    m_collections.insert(record.name, stored);
    m_containers.insert(record.name, containers);
}

void FakeRegistrySource::addUserDirect(const QString& name, bool admin)
{
    UserRecord user;
    user.id = m_nextId++;
    user.name = name;
    user.admin = admin;
    user.createdAt = QDateTime::currentMSecsSinceEpoch();
    m_users.insert(name, user);
}

void FakeRegistrySource::addOrphanBlob(qint64 size)
{
    m_orphans.append({ digestFor(m_nextId++), size });
}

void FakeRegistrySource::addAuditEvents(int count, const QString& actor, const QString& action, const QString& outcome)
{
    for (int i = 0; i < count; ++i) {
        record(action, QStringLiteral("collection"), QStringLiteral("c%1").arg(i), outcome);
        m_audit.last().actor = actor;
    }
}

QString FakeRegistrySource::pullReference(const TagRecord& tag) const
{
    return QStringLiteral("library://fake/%1/%2:%3").arg(tag.collection, tag.container, tag.name);
}

// --- browse ---

void FakeRegistrySource::collections(const CollectionQuery& query, QObject* context,
                                     SourceCallback<QList<CollectionRecord>> done)
{
    answer<QList<CollectionRecord>>(QStringLiteral("collections"), context, done, [this, query] {
        QList<CollectionRecord> page;
        for (const CollectionRecord& record : m_collections) { // QMap: by name, as the engine lists them
            if (!query.filter.isEmpty() && !record.name.contains(query.filter))
                continue;
            if (!query.after.isEmpty() && record.name <= query.after)
                continue;
            if (page.size() >= query.limit)
                break;
            page.append(record);
        }
        return page;
    });
}

void FakeRegistrySource::containers(const QString& collection, QObject* context,
                                    SourceCallback<QList<ContainerRecord>> done)
{
    answer<QList<ContainerRecord>>(QStringLiteral("containers"), context, done,
                                   [this, collection]() -> Result<QList<ContainerRecord>> {
                                       if (!m_collections.contains(collection))
                                           return notFound(collection);
                                       return m_containers.value(collection);
                                   });
}

void FakeRegistrySource::tags(const QString&, const TagQuery&, QObject* context, SourceCallback<QList<TagRecord>> done)
{
    answer<QList<TagRecord>>(QStringLiteral("tags"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::imageMetadata(const ImageRecord&, QObject* context, SourceCallback<QJsonObject> done)
{
    answer<QJsonObject>(QStringLiteral("imageMetadata"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::history(const TagRecord&, QObject* context, SourceCallback<QList<TagHistoryRecord>> done)
{
    answer<QList<TagHistoryRecord>>(QStringLiteral("history"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::search(const SearchQuery&, QObject* context, SourceCallback<SearchResults> done)
{
    answer<SearchResults>(QStringLiteral("search"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::openImage(const ImageRecord&, QObject* context,
                                   SourceCallback<std::shared_ptr<ByteSource>> done)
{
    answer<std::shared_ptr<ByteSource>>(QStringLiteral("openImage"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::setTag(const ImageRecord&, const QString&, QObject* context, SourceCallback<TagRecord> done)
{
    answer<TagRecord>(QStringLiteral("setTag"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::setFrozen(const TagRecord&, bool, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("setFrozen"), context, done, [] { return unavailable(); });
}

void FakeRegistrySource::remove(const ImageRef&, const QString&, QObject* context, SourceCallback<bool> done)
{
    answer<bool>(QStringLiteral("remove"), context, done, [] { return unavailable(); });
}

Task* FakeRegistrySource::pushFile(const QString&, const PushRequest&)
{
    return nullptr;
}

Task* FakeRegistrySource::pullToFile(const ImageRecord&, const QString&)
{
    return nullptr;
}

// --- storage ---

void FakeRegistrySource::storageUsage(QObject* context, SourceCallback<StorageUsage> done)
{
    answer<StorageUsage>(QStringLiteral("storageUsage"), context, done, [this] {
        StorageUsage usage;
        for (const CollectionRecord& record : m_collections) {
            usage.collections.append({ record.name, record.totalBytes, record.imageCount, record.quotaBytes });
            usage.referencedBytes += record.totalBytes;
        }
        for (const BlobInfo& blob : m_orphans)
            usage.reclaimableBytes += blob.size;
        usage.storedBytes = usage.referencedBytes + usage.reclaimableBytes;
        return usage;
    });
}

Task* FakeRegistrySource::startTask(Task* task)
{
    if (m_tasks)
        m_tasks->start(task);
    return task;
}

Task* FakeRegistrySource::collectGarbage(bool dryRun)
{
    ++m_calls[QStringLiteral("collectGarbage")];
    GcReport report;
    report.dryRun = dryRun;
    report.blobs = m_orphans;
    for (const BlobInfo& blob : m_orphans)
        report.bytes += blob.size;
    if (!dryRun) {
        m_orphans.clear();
        record(QStringLiteral("storage.gc"), QStringLiteral("store"), QStringLiteral("local"));
    }
    const QJsonObject json = RecordJson::toJson(report);
    return startTask(new Task(QStringLiteral("gc"), dryRun ? QStringLiteral("GC preview") : QStringLiteral("GC"),
                              [json](TaskProgress&) -> Result<QJsonObject> { return json; }));
}

Task* FakeRegistrySource::verify()
{
    ++m_calls[QStringLiteral("verify")];
    VerifyReport report;
    report.blobsChecked = m_collections.size();
    const QJsonObject json = RecordJson::toJson(report);
    return startTask(new Task(QStringLiteral("verify"), QStringLiteral("Verify"),
                              [json](TaskProgress&) -> Result<QJsonObject> { return json; }));
}

} // namespace sreg::test
