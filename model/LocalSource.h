#pragma once

#include "RegistrySource.h"
#include "registry/Actor.h"

#include <QThreadPool>
#include <functional>
#include <memory>

namespace sreg {

class Registry;
class TaskManager;

// The embedded registry ("This computer") as a RegistrySource. Every engine call runs on an owned thread pool
// (the engine is thread-safe and opens one database connection per thread) and acts as Actor::local(): the
// desktop user is the local registry's admin. Long work (push, pull, GC, verify, transfers) becomes a Task
// of the given TaskManager. collectionChanged/accountsChanged follow every successful mutation.
class LocalSource final : public RegistrySource
{
    Q_OBJECT

public:
    LocalSource(std::shared_ptr<Registry> registry, TaskManager* tasks, QObject* parent = nullptr);
    ~LocalSource() override; // waits for engine calls still running (their answers are dropped)
    Q_DISABLE_COPY_MOVE(LocalSource)

    std::shared_ptr<Registry> registry() const;
    TaskManager* taskManager() const;

    QString id() const override;
    QString displayName() const override;
    QString location() const override;
    bool supports(Feature feature) const override;
    QString pullReference(const TagRecord& tag) const override;

    void collections(const CollectionQuery& query, QObject* context,
                     SourceCallback<QList<CollectionRecord>> done) override;
    void containers(const QString& collection, QObject* context, SourceCallback<QList<ContainerRecord>> done) override;
    void tags(const QString& collection, const TagQuery& query, QObject* context,
              SourceCallback<QList<TagRecord>> done) override;
    void imageMetadata(const ImageRecord& image, QObject* context, SourceCallback<QJsonObject> done) override;
    void history(const TagRecord& tag, QObject* context, SourceCallback<QList<TagHistoryRecord>> done) override;
    void search(const SearchQuery& query, QObject* context, SourceCallback<SearchResults> done) override;
    void openImage(const ImageRecord& image, QObject* context,
                   SourceCallback<std::shared_ptr<ByteSource>> done) override;

    void createCollection(const QString& name, const QString& description, bool isPrivate, QObject* context,
                          SourceCallback<CollectionRecord> done) override;
    void updateCollection(const QString& name, const CollectionUpdate& update, QObject* context,
                          SourceCallback<CollectionRecord> done) override;
    void deleteCollection(const QString& name, QObject* context, SourceCallback<bool> done) override;
    void members(const QString& collection, QObject* context,
                 SourceCallback<QList<CollectionMemberRecord>> done) override;
    void setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role,
                   QObject* context, SourceCallback<bool> done) override;
    void setTag(const ImageRecord& image, const QString& tag, QObject* context,
                SourceCallback<TagRecord> done) override;
    void setFrozen(const TagRecord& tag, bool frozen, QObject* context, SourceCallback<bool> done) override;
    void remove(const ImageRef& ref, const QString& arch, QObject* context, SourceCallback<bool> done) override;

    void users(QObject* context, SourceCallback<QList<UserRecord>> done) override;
    void addUser(const QString& name, bool admin, const QString& fullName, const QString& email, QObject* context,
                 SourceCallback<UserRecord> done) override;
    void setUserActive(const QString& name, bool active, QObject* context, SourceCallback<bool> done) override;
    void setUserAdmin(const QString& name, bool admin, QObject* context, SourceCallback<bool> done) override;
    void setUserQuota(const QString& name, std::optional<qint64> bytes, QObject* context,
                      SourceCallback<bool> done) override;
    void teams(QObject* context, SourceCallback<QList<TeamRecord>> done) override;
    void createTeam(const QString& name, const QString& description, QObject* context,
                    SourceCallback<TeamRecord> done) override;
    void removeTeam(const QString& name, QObject* context, SourceCallback<bool> done) override;
    void setTeamMember(const QString& team, const QString& user, const QString& role, QObject* context,
                       SourceCallback<bool> done) override;
    void tokens(const QString& user, QObject* context, SourceCallback<QList<TokenRecord>> done) override;
    void createToken(const QString& user, const QString& name, Scopes scopes, std::optional<qint64> expiresAt,
                     QObject* context, SourceCallback<NewToken> done) override;
    void revokeToken(qint64 tokenId, QObject* context, SourceCallback<bool> done) override;
    void audit(const AuditQuery& query, QObject* context, SourceCallback<QList<AuditEventRecord>> done) override;
    void storageUsage(QObject* context, SourceCallback<StorageUsage> done) override;

    Task* pushFile(const QString& path, const PushRequest& request) override;
    Task* pullToFile(const ImageRecord& image, const QString& path) override;
    Task* collectGarbage(bool dryRun) override;
    Task* verify() override;
    Task* transferImage(const TagRecord& tag, const PushRequest& target, bool move) override;

private:
    // Runs work on the pool and hands its result to done on context's thread; onSuccess (on this object's
    // thread) announces what changed.
    template<typename T>
    void call(QObject* context, SourceCallback<T> done, std::function<Result<T>(Registry&, const Actor&)> work,
              std::function<void()> onSuccess = {});
    Task* startTask(Task* task, const QStringList& changedCollections);

    std::shared_ptr<Registry> m_registry;
    TaskManager* m_tasks;
    Actor m_actor;
    QThreadPool m_pool;
};

} // namespace sreg
