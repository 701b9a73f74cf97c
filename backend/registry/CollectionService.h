#pragma once

#include "Actor.h"
#include "Permissions.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace sreg {

struct RegistryContext;

struct CollectionQuery
{
    QString filter; // substring of the name; empty = all
    QString after; // keyset paging: names greater than this
    int offset = 0; // offset paging, for protocols that need it (sregistry's ?offset=); prefer `after`
    int limit = 1000;
};

struct CollectionUpdate
{
    std::optional<QString> description;
    std::optional<bool> isPrivate;
    std::optional<bool> contributorsCanPush;
    std::optional<std::optional<qint64>> quotaBytes; // set: nullopt inside = remove the quota
};

// Collections, their settings and members, and the containers in them.
class CollectionService final
{
public:
    explicit CollectionService(RegistryContext& context);

    // Collections the actor may see, by name, with container/image counts and bytes.
    Result<QList<CollectionRecord>> list(const Actor& actor, const CollectionQuery& query = {});
    // How many collections list() would return without a limit (filter applies; after/offset do not).
    Result<qint64> count(const Actor& actor, const QString& filter = {});
    // NotFound when missing or when the actor may not see it (a private collection is indistinguishable from
    // a missing one).
    Result<CollectionRecord> get(const Actor& actor, const QString& name);
    // isPrivate unset: the registry's default. The creator becomes an owner (unless it is the local operator).
    Result<CollectionRecord> create(const Actor& actor, const QString& name, const QString& description = {},
        std::optional<bool> isPrivate = std::nullopt);
    // Removes the collection with its containers, images and tags; their bytes become reclaimable by GC.
    Status remove(const Actor& actor, const QString& name);
    Result<CollectionRecord> update(const Actor& actor, const QString& name, const CollectionUpdate& update);

    Result<QList<CollectionMemberRecord>> members(const Actor& actor, const QString& name);
    // role: "owner", "contributor", or empty to remove the member. The last owner cannot be removed.
    Status setMember(const Actor& actor, const QString& collection, const QString& principal, bool isTeam,
        const QString& role);

    Result<QList<ContainerRecord>> containers(const Actor& actor, const QString& collection);
    Result<ContainerRecord> container(const Actor& actor, const QString& collection, const QString& name);
    // Creates the container when missing (needs push rights on the collection).
    Result<ContainerRecord> ensureContainer(const Actor& actor, const QString& collection, const QString& name);
    Status removeContainer(const Actor& actor, const QString& collection, const QString& name);

    // The actor's relation to a collection (for Permissions), read in the caller's connection.
    static Result<CollectionAccess> accessFor(QSqlDatabase& db, const Actor& actor, qint64 collectionId);
    // Looks a collection up by name and checks that the actor may do action on it. A collection the actor may
    // not even see is reported as NotFound; a visible one with a missing right as PermissionDenied.
    // The record's aggregates (containerCount, imageCount, totalBytes) are left 0: they cost a scan of the
    // collection on every call. get() and list() fill them.
    static Result<CollectionRecord> authorize(QSqlDatabase& db, const Actor& actor, const QString& name, Action action);

private:
    RegistryContext& m_context;
};

} // namespace sreg
