#pragma once

#include "common/ImageRef.h"
#include "common/Result.h"
#include "metadata/Records.h"
#include "registry/AccountService.h"
#include "registry/AuditLog.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/MaintenanceService.h"

#include <QJsonObject>
#include <QJsonValue>

namespace sreg::remote {

class RemoteHttp;

// Our server's admin API (backend/http/AdminApi), call by call, in the engine's records (RecordJson both ways).
// Blocking; reads are retried on transient failures, changes are sent once.
class AdminClient final
{
public:
    explicit AdminClient(RemoteHttp& http);

    Result<QList<CollectionRecord>> collections(const CollectionQuery& query);
    Result<CollectionRecord> collection(const QString& name);
    Result<QList<ContainerRecord>> containers(const QString& collection);
    Result<QList<TagRecord>> tags(const QString& collection, const TagQuery& query);
    // Every tag of the collection, page after page.
    Result<QList<TagRecord>> allTags(const QString& collection);
    Result<QList<TagHistoryRecord>> history(const QString& collection, const QString& container, const QString& tag,
                                            const QString& arch);
    Result<ImageRecord> image(qint64 id);
    Result<QJsonObject> metadata(qint64 imageId);
    Result<SearchResults> search(const SearchQuery& query);
    // The path an image's bytes are read from for inspection (ranges; not counted as a download).
    static QString filePath(qint64 imageId);

    Result<CollectionRecord> createCollection(const QString& name, const QString& description,
                                              std::optional<bool> isPrivate);
    Result<CollectionRecord> updateCollection(const QString& name, const CollectionUpdate& update);
    Status deleteCollection(const QString& name);
    Result<QList<CollectionMemberRecord>> members(const QString& collection);
    Status setMember(const QString& collection, const QString& principal, bool isTeam, const QString& role);
    Result<TagRecord> setTag(qint64 imageId, const QString& tag, const QString& arch);
    Status setFrozen(const ImageRef& ref, bool frozen, const QString& arch);
    Status remove(const ImageRef& ref, const QString& arch);

    Result<QList<UserRecord>> users();
    Result<UserRecord> addUser(const QString& name, bool admin, const QString& fullName, const QString& email);
    Status updateUser(const QString& name, const QJsonObject& changes); // {"active"?,"admin"?,"quotaBytes"?}
    Result<QList<TeamRecord>> teams();
    Result<TeamRecord> createTeam(const QString& name, const QString& description);
    Status removeTeam(const QString& name);
    Status setTeamMember(const QString& team, const QString& user, const QString& role);
    Result<QList<TokenRecord>> tokens(const QString& user);
    Result<NewToken> createToken(const QString& user, const QString& name, Scopes scopes,
                                 std::optional<qint64> expiresAt);
    Status revokeToken(qint64 tokenId);
    Result<QList<AuditEventRecord>> audit(const AuditQuery& query);
    Result<StorageUsage> storage();
    Result<GcReport> collectGarbage(bool dryRun);
    Result<VerifyReport> verify();

private:
    // Sends a request and returns the reply's "data"; what names the operation in errors.
    Result<QJsonValue> call(const QByteArray& method, const QString& path, const QJsonObject& body,
                            const QString& what, std::chrono::seconds timeout = std::chrono::seconds(0));
    Result<QJsonValue> get(const QString& path, const QString& what);
    Status done(const Result<QJsonValue>& result);

    RemoteHttp& m_http;
};

} // namespace sreg::remote
