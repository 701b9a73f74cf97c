#pragma once

#include "RegistrySource.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QTimer>

namespace sreg {

class TaskManager;

namespace test {

// TEST DOUBLE. An in-memory RegistrySource for the administration models' tests: answers every call
// asynchronously (a zero timer on the context, as a real source answers later), records what it was asked,
// and can be told to refuse a call or to lack a feature. Only the administration half is modelled; the
// browse/transfer calls answer "unavailable".
class FakeRegistrySource final : public RegistrySource
{
    Q_OBJECT

public:
    explicit FakeRegistrySource(TaskManager* tasks = nullptr, QObject* parent = nullptr);

    // --- set-up and inspection ---
    void setUnsupported(Feature feature) { m_unsupported.insert(feature); }
    // The next call of method (e.g. "createToken") answers this error instead.
    void failNext(const QString& method, const Error& error) { m_failures.insert(method, error); }
    int callCount(const QString& method) const { return m_calls.value(method); }
    void addCollectionDirect(const CollectionRecord& record, const QList<ContainerRecord>& containers = {});
    void addUserDirect(const QString& name, bool admin = false);
    void addOrphanBlob(qint64 size); // reclaimable by GC
    void addAuditEvents(int count, const QString& actor, const QString& action, const QString& outcome);
    QMap<QString, CollectionRecord> collectionsNow() const { return m_collections; }
    QList<TokenRecord> tokensNow() const { return m_tokens; }
    QList<AuditEventRecord> auditNow() const { return m_audit; }

    // --- RegistrySource ---
    QString id() const override { return QStringLiteral("fake"); }
    QString displayName() const override { return QStringLiteral("Fake registry"); }
    QString location() const override { return QStringLiteral("memory"); }
    bool supports(Feature feature) const override { return !m_unsupported.contains(feature); }
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

private:
    // Counts the call, then answers on context's thread after the event loop turns, unless a failure was set.
    template<typename T>
    void answer(const QString& method, QObject* context, SourceCallback<T> done, std::function<Result<T>()> work);
    void record(const QString& action, const QString& objectType, const QString& object, const QString& outcome = {});
    Task* startTask(Task* task);

    TaskManager* m_tasks;
    QSet<Feature> m_unsupported;
    QHash<QString, Error> m_failures;
    QHash<QString, int> m_calls;
    QMap<QString, CollectionRecord> m_collections;
    QMap<QString, QList<ContainerRecord>> m_containers;
    QMap<QString, QList<CollectionMemberRecord>> m_members;
    QMap<QString, UserRecord> m_users;
    QMap<QString, TeamRecord> m_teams;
    QList<TokenRecord> m_tokens;
    QList<AuditEventRecord> m_audit; // oldest first
    QList<BlobInfo> m_orphans;
    qint64 m_nextId = 1;
};

template<typename T>
void FakeRegistrySource::answer(const QString& method, QObject* context, SourceCallback<T> done,
                                std::function<Result<T>()> work)
{
    ++m_calls[method];
    auto failure = m_failures.find(method);
    std::optional<Error> error;
    if (failure != m_failures.end()) {
        error = failure.value();
        m_failures.erase(failure);
    }
    // The work runs at once (the fake's state changes in call order); the answer comes later, as from a pool.
    Result<T> result = error ? Result<T>(*error) : work();
    QTimer::singleShot(0, context, [done, result]() mutable { done(std::move(result)); });
}

} // namespace test
} // namespace sreg
