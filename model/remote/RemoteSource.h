#pragma once

#include "RegistrySource.h"
#include "remote/RemoteConnection.h"
#include "remote/RemoteInfo.h"

#include <QThreadPool>
#include <memory>
#include <mutex>

namespace sreg {

class TaskManager;
class TaskProgress;

namespace remote {
class RemoteRegistry;
}

// A remote registry (our server, or an sregistry server) as a RegistrySource, so that every pane works on it:
// lists page in as the views ask (keyset paging on our server, offsets on sregistry), image details come from
// ranged reads of the SIF (no download), curation and administration go through our server's admin API. Calls
// run on an owned thread pool over the blocking remote client; the first one connects (probe), and what the
// probe found decides supports() (until then, what the last probe found).
//
// The token lives in memory only (the connection's RemoteConnection); where it is kept between runs is the
// business of RemoteRegistries and its SecretStore.
class RemoteSource final : public RegistrySource
{
    Q_OBJECT

public:
    RemoteSource(QString id, QString name, remote::RemoteConnection connection, remote::RemoteInfo lastKnown,
                 TaskManager* tasks, QObject* parent = nullptr);
    ~RemoteSource() override; // waits for calls still running (their answers are dropped)
    Q_DISABLE_COPY_MOVE(RemoteSource)

    // The connected client, connecting first when needed. Blocking: for worker threads (transfers) only.
    Result<std::shared_ptr<remote::RemoteRegistry>> connectedRegistry();
    // The client if it is connected already (no blocking), else null.
    std::shared_ptr<remote::RemoteRegistry> currentRegistry() const;
    remote::RemoteInfo info() const;
    const remote::RemoteConnection& connection() const { return m_connection; }
    TaskManager* taskManager() const { return m_tasks; }
    void setDisplayName(const QString& name);

    QString id() const override;
    QString displayName() const override;
    QString location() const override;
    bool supports(Feature feature) const override;
    QString unsupportedReason(Feature feature) const override;
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

Q_SIGNALS:
    // The probe ran (first call, or after a reconnect): supports() may answer differently.
    void infoChanged();
    // A call failed because the server refused the connection (token, certificate): the UI may ask again.
    void connectionFailed(const QString& message);

private:
    using Work = std::function<Result<QJsonObject>(const std::shared_ptr<remote::RemoteRegistry>&, TaskProgress&)>;
    template<typename T>
    void call(QObject* context, SourceCallback<T> done, std::function<Result<T>(remote::RemoteRegistry&)> work,
              std::function<void()> onSuccess = {});
    // Like call(), for features only our admin API offers: refused with the reason elsewhere.
    template<typename T>
    void adminCall(Feature feature, QObject* context, SourceCallback<T> done,
                   std::function<Result<T>(remote::RemoteRegistry&)> work, std::function<void()> onSuccess = {});
    Task* startTask(const QString& kind, const QString& title, Work work, const QStringList& changedCollections);

    const QString m_id;
    QString m_name;
    const remote::RemoteConnection m_connection;
    TaskManager* m_tasks;
    mutable std::mutex m_mutex;
    remote::RemoteInfo m_info;
    std::shared_ptr<remote::RemoteRegistry> m_registry;
    QThreadPool m_pool;
};

} // namespace sreg
