#include "LocalSource.h"

#include "Task.h"
#include "TaskManager.h"
#include "registry/AccountService.h"
#include "registry/AuditLog.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/MaintenanceService.h"
#include "registry/RecordJson.h"
#include "registry/Registry.h"

#include <QFileInfo>
#include <QMetaObject>

namespace sreg {

namespace {

Result<bool> fromStatus(const Status& status)
{
    if (!status)
        return status.error();
    return true;
}

ProgressCallback progressOf(TaskProgress& progress)
{
    return [&progress](qint64 done, qint64 total) {
        return progress.report(done, total);
    };
}

ImageRef digestRef(const ImageRecord& image)
{
    ImageRef ref;
    ref.collection = image.collection;
    ref.container = image.container;
    ref.digest = Digest::fromString(image.digest);
    return ref;
}

} // namespace

LocalSource::LocalSource(std::shared_ptr<Registry> registry, TaskManager* tasks, QObject* parent)
    : RegistrySource(parent), m_registry(std::move(registry)), m_tasks(tasks), m_actor(Actor::local())
{
    // Enough threads that a slow listing never holds up a quick lookup; kept alive because each one owns a
    // database connection.
    m_pool.setMaxThreadCount(4);
    m_pool.setExpiryTimeout(-1);
}

LocalSource::~LocalSource()
{
    m_pool.waitForDone();
}

std::shared_ptr<Registry> LocalSource::registry() const
{
    return m_registry;
}

TaskManager* LocalSource::taskManager() const
{
    return m_tasks;
}

QString LocalSource::id() const
{
    return QStringLiteral("local");
}

QString LocalSource::displayName() const
{
    return tr("This computer");
}

QString LocalSource::location() const
{
    return m_registry->options().dataDir;
}

bool LocalSource::supports(Feature) const
{
    return true; // the embedded engine does everything, the desktop user being its admin
}

QString LocalSource::pullReference(const TagRecord& tag) const
{
    // Collections are globally unique, so the short form resolves on our server once it is a client's remote.
    return QStringLiteral("library://%1/%2:%3").arg(tag.collection, tag.container, tag.name);
}

template<typename T>
void LocalSource::call(QObject* context, SourceCallback<T> done, std::function<Result<T>(Registry&, const Actor&)> work,
                       std::function<void()> onSuccess)
{
    const bool hasContext = context != nullptr;
    QPointer<QObject> guard(context);
    std::shared_ptr<Registry> registry = m_registry;
    const Actor actor = m_actor;
    m_pool.start([this, registry, actor, guard, hasContext, done = std::move(done), work = std::move(work),
                  onSuccess = std::move(onSuccess)]() mutable {
        Result<T> result = work(*registry, actor);
        // This object outlives the pool's jobs (the destructor waits), so it can relay the answer.
        QMetaObject::invokeMethod(
            this,
            [this, guard, hasContext, done = std::move(done), result = std::move(result),
             onSuccess = std::move(onSuccess)]() mutable {
                const bool ok = result.ok();
                if (!hasContext) {
                    if (done)
                        done(std::move(result));
                } else if (QObject* target = guard.data()) {
                    if (target->thread() == thread()) {
                        if (done)
                            done(std::move(result));
                    } else {
                        QMetaObject::invokeMethod(
                            target, [done, result]() { done(result); }, Qt::QueuedConnection);
                    }
                }
                if (ok && onSuccess)
                    onSuccess();
            },
            Qt::QueuedConnection);
    });
}

// --- browse ---

void LocalSource::collections(const CollectionQuery& query, QObject* context,
                              SourceCallback<QList<CollectionRecord>> done)
{
    call<QList<CollectionRecord>>(context, std::move(done),
                                  [query](Registry& r, const Actor& a) { return r.collections().list(a, query); });
}

void LocalSource::containers(const QString& collection, QObject* context, SourceCallback<QList<ContainerRecord>> done)
{
    call<QList<ContainerRecord>>(context, std::move(done), [collection](Registry& r, const Actor& a) {
        return r.collections().containers(a, collection);
    });
}

void LocalSource::tags(const QString& collection, const TagQuery& query, QObject* context,
                       SourceCallback<QList<TagRecord>> done)
{
    call<QList<TagRecord>>(context, std::move(done), [collection, query](Registry& r, const Actor& a) {
        return r.images().tags(a, collection, query);
    });
}

void LocalSource::imageMetadata(const ImageRecord& image, QObject* context, SourceCallback<QJsonObject> done)
{
    call<QJsonObject>(context, std::move(done),
                      [image](Registry& r, const Actor& a) { return r.images().sifMetadata(a, image); });
}

void LocalSource::history(const TagRecord& tag, QObject* context, SourceCallback<QList<TagHistoryRecord>> done)
{
    call<QList<TagHistoryRecord>>(context, std::move(done), [tag](Registry& r, const Actor& a) {
        return r.images().history(a, tag.collection, tag.container, tag.name, tag.arch);
    });
}

void LocalSource::search(const SearchQuery& query, QObject* context, SourceCallback<SearchResults> done)
{
    call<SearchResults>(context, std::move(done),
                        [query](Registry& r, const Actor& a) { return r.images().search(a, query); });
}

void LocalSource::openImage(const ImageRecord& image, QObject* context,
                            SourceCallback<std::shared_ptr<ByteSource>> done)
{
    call<std::shared_ptr<ByteSource>>(
        context, std::move(done), [image](Registry& r, const Actor& a) -> Result<std::shared_ptr<ByteSource>> {
            // Looking inside an image is not a download: the count stays for real pulls.
            Result<std::unique_ptr<ByteSource>> bytes = r.images().openBytes(a, image, false);
            if (!bytes)
                return bytes.error();
            return std::shared_ptr<ByteSource>(std::move(*bytes));
        });
}

// --- curate ---

void LocalSource::createCollection(const QString& name, const QString& description, bool isPrivate, QObject* context,
                                   SourceCallback<CollectionRecord> done)
{
    call<CollectionRecord>(
        context, std::move(done),
        [name, description, isPrivate](Registry& r, const Actor& a) {
            return r.collections().create(a, name, description, isPrivate);
        },
        [this] { Q_EMIT collectionChanged({}); });
}

void LocalSource::updateCollection(const QString& name, const CollectionUpdate& update, QObject* context,
                                   SourceCallback<CollectionRecord> done)
{
    call<CollectionRecord>(
        context, std::move(done),
        [name, update](Registry& r, const Actor& a) { return r.collections().update(a, name, update); },
        [this, name] { Q_EMIT collectionChanged(name); });
}

void LocalSource::deleteCollection(const QString& name, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [name](Registry& r, const Actor& a) { return fromStatus(r.collections().remove(a, name)); },
        [this] { Q_EMIT collectionChanged({}); });
}

void LocalSource::members(const QString& collection, QObject* context,
                          SourceCallback<QList<CollectionMemberRecord>> done)
{
    call<QList<CollectionMemberRecord>>(context, std::move(done), [collection](Registry& r, const Actor& a) {
        return r.collections().members(a, collection);
    });
}

void LocalSource::setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role,
                            QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) {
            return fromStatus(r.collections().setMember(a, collection, principal, isTeam, role));
        },
        [this, collection] { Q_EMIT collectionChanged(collection); });
}

void LocalSource::setTag(const ImageRecord& image, const QString& tag, QObject* context, SourceCallback<TagRecord> done)
{
    call<TagRecord>(
        context, std::move(done),
        [image, tag](Registry& r, const Actor& a) { return r.images().setTag(a, image, tag); },
        [this, collection = image.collection] { Q_EMIT collectionChanged(collection); });
}

void LocalSource::setFrozen(const TagRecord& tag, bool frozen, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [tag, frozen](Registry& r, const Actor& a) {
            ImageRef ref;
            ref.collection = tag.collection;
            ref.container = tag.container;
            ref.tag = tag.name;
            return fromStatus(r.images().setFrozen(a, ref, frozen, tag.arch));
        },
        [this, collection = tag.collection] { Q_EMIT collectionChanged(collection); });
}

void LocalSource::remove(const ImageRef& ref, const QString& arch, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [ref, arch](Registry& r, const Actor& a) { return fromStatus(r.images().remove(a, ref, arch)); },
        [this, collection = ref.collection] { Q_EMIT collectionChanged(collection); });
}

// --- administer ---

void LocalSource::users(QObject* context, SourceCallback<QList<UserRecord>> done)
{
    call<QList<UserRecord>>(context, std::move(done),
                            [](Registry& r, const Actor& a) { return r.accounts().users(a); });
}

void LocalSource::addUser(const QString& name, bool admin, const QString& fullName, const QString& email,
                          QObject* context, SourceCallback<UserRecord> done)
{
    call<UserRecord>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return r.accounts().addUser(a, name, admin, fullName, email); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::setUserActive(const QString& name, bool active, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().setActive(a, name, active)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::setUserAdmin(const QString& name, bool admin, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().setAdmin(a, name, admin)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::setUserQuota(const QString& name, std::optional<qint64> bytes, QObject* context,
                               SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().setQuota(a, name, bytes)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::teams(QObject* context, SourceCallback<QList<TeamRecord>> done)
{
    call<QList<TeamRecord>>(context, std::move(done),
                            [](Registry& r, const Actor& a) { return r.accounts().teams(a); });
}

void LocalSource::createTeam(const QString& name, const QString& description, QObject* context,
                             SourceCallback<TeamRecord> done)
{
    call<TeamRecord>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return r.accounts().createTeam(a, name, description); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::removeTeam(const QString& name, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().removeTeam(a, name)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::setTeamMember(const QString& team, const QString& user, const QString& role, QObject* context,
                                SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().setTeamMember(a, team, user, role)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::tokens(const QString& user, QObject* context, SourceCallback<QList<TokenRecord>> done)
{
    call<QList<TokenRecord>>(context, std::move(done),
                             [=](Registry& r, const Actor& a) { return r.accounts().tokens(a, user); });
}

void LocalSource::createToken(const QString& user, const QString& name, Scopes scopes, std::optional<qint64> expiresAt,
                              QObject* context, SourceCallback<NewToken> done)
{
    call<NewToken>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return r.accounts().createToken(a, user, name, scopes, expiresAt); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::revokeToken(qint64 tokenId, QObject* context, SourceCallback<bool> done)
{
    call<bool>(
        context, std::move(done),
        [=](Registry& r, const Actor& a) { return fromStatus(r.accounts().revokeToken(a, tokenId)); },
        [this] { Q_EMIT accountsChanged(); });
}

void LocalSource::audit(const AuditQuery& query, QObject* context, SourceCallback<QList<AuditEventRecord>> done)
{
    call<QList<AuditEventRecord>>(context, std::move(done),
                                  [=](Registry& r, const Actor& a) { return r.audit().query(a, query); });
}

void LocalSource::storageUsage(QObject* context, SourceCallback<StorageUsage> done)
{
    call<StorageUsage>(context, std::move(done), [](Registry& r, const Actor& a) { return r.maintenance().usage(a); });
}

// --- long work ---

Task* LocalSource::startTask(Task* task, const QStringList& changedCollections)
{
    connect(task, &Task::finished, this, [this, changedCollections](bool succeeded) {
        if (!succeeded)
            return;
        for (const QString& collection : changedCollections)
            Q_EMIT collectionChanged(collection);
    });
    return m_tasks->start(task);
}

Task* LocalSource::pushFile(const QString& path, const PushRequest& request)
{
    const QString target = QStringLiteral("%1/%2:%3")
                               .arg(request.collection, request.container,
                                    request.tags.isEmpty() ? QStringLiteral("latest") : request.tags.join(u','));
    auto registry = m_registry;
    const Actor actor = m_actor;
    auto* task = new Task(QStringLiteral("upload"), tr("Upload %1 to %2").arg(QFileInfo(path).fileName(), target),
                          [registry, actor, path, request](TaskProgress& progress) -> Result<QJsonObject> {
                              Result<ImageRecord> image
                                  = registry->images().pushFile(actor, path, request, progressOf(progress));
                              if (!image)
                                  return image.error();
                              return RecordJson::toJson(*image);
                          });
    // A push may create the collection, so the list of collections may change too.
    return startTask(task, { request.collection, QString() });
}

Task* LocalSource::pullToFile(const ImageRecord& image, const QString& path)
{
    auto registry = m_registry;
    const Actor actor = m_actor;
    auto* task
        = new Task(QStringLiteral("download"),
                   tr("Save %1/%2 (%3) as %4")
                       .arg(image.collection, image.container, image.digest.left(19), QFileInfo(path).fileName()),
                   [registry, actor, image, path](TaskProgress& progress) -> Result<QJsonObject> {
                       Result<ImageRecord> pulled = registry->images().pullToFile(actor, digestRef(image), image.arch,
                                                                                  path, progressOf(progress));
                       if (!pulled)
                           return pulled.error();
                       QJsonObject result = RecordJson::toJson(*pulled);
                       result.insert(QStringLiteral("path"), path);
                       return result;
                   });
    // Downloads are counted: the tag table shows them.
    return startTask(task, { image.collection });
}

Task* LocalSource::collectGarbage(bool dryRun)
{
    auto registry = m_registry;
    const Actor actor = m_actor;
    auto* task = new Task(QStringLiteral("gc"), dryRun ? tr("Garbage collection (dry run)") : tr("Garbage collection"),
                          [registry, actor, dryRun](TaskProgress&) -> Result<QJsonObject> {
                              Result<GcReport> report = registry->maintenance().collectGarbage(actor, dryRun);
                              if (!report)
                                  return report.error();
                              return RecordJson::toJson(*report);
                          });
    return startTask(task, {});
}

Task* LocalSource::verify()
{
    auto registry = m_registry;
    const Actor actor = m_actor;
    auto* task = new Task(QStringLiteral("verify"), tr("Verify storage"),
                          [registry, actor](TaskProgress& progress) -> Result<QJsonObject> {
                              Result<VerifyReport> report = registry->maintenance().verify(actor, progressOf(progress));
                              if (!report)
                                  return report.error();
                              return RecordJson::toJson(*report);
                          });
    return startTask(task, {});
}

Task* LocalSource::transferImage(const TagRecord& tag, const PushRequest& target, bool move)
{
    auto registry = m_registry;
    const Actor actor = m_actor;
    const QString from = QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name);
    const QString to = QStringLiteral("%1/%2:%3").arg(target.collection, target.container, target.tags.join(u','));
    auto* task = new Task(
        QStringLiteral("transfer"), move ? tr("Move %1 to %2").arg(from, to) : tr("Copy %1 to %2").arg(from, to),
        [registry, actor, tag, target, move](TaskProgress& progress) -> Result<QJsonObject> {
            Result<std::unique_ptr<ByteSource>> bytes = registry->images().openBytes(actor, tag.image, false);
            if (!bytes)
                return bytes.error();
            PushRequest request = target;
            request.expectedDigest = Digest::fromString(tag.image.digest);
            request.expectedSize = (*bytes)->size();
            if (request.arch.isEmpty())
                request.arch = tag.image.arch;
            Result<std::unique_ptr<PushSession>> session = registry->images().beginPush(actor, request);
            if (!session)
                return session.error();
            // The blob store keeps one copy of the bytes however many images share them; streaming them through
            // a push session is what records and checks the new image, like any other push.
            const qint64 total = (*bytes)->size();
            QByteArray buffer(1 << 20, Qt::Uninitialized);
            for (qint64 offset = 0; offset < total;) {
                Result<qint64> got
                    = (*bytes)->readAt(offset, buffer.data(), qMin<qint64>(buffer.size(), total - offset));
                if (!got)
                    return got.error();
                if (*got <= 0)
                    return Error(ErrorCode::Io, QStringLiteral("unexpected end of image at byte %1").arg(offset));
                if (Status written = (*session)->write(buffer.constData(), *got); !written)
                    return written.error();
                offset += *got;
                if (!progress.report(offset, total))
                    return Error(ErrorCode::Cancelled, QStringLiteral("transfer cancelled"));
            }
            Result<ImageRecord> image = (*session)->finish();
            if (!image)
                return image.error();
            if (move) {
                ImageRef ref;
                ref.collection = tag.collection;
                ref.container = tag.container;
                ref.tag = tag.name;
                if (Status removed = registry->images().remove(actor, ref, tag.arch); !removed)
                    return removed.error().prefixed(QStringLiteral("copied, but the original stays"));
            }
            return RecordJson::toJson(*image);
        });
    return startTask(task, { tag.collection, target.collection, QString() });
}

} // namespace sreg
