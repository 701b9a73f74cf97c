#include "RecordJson.h"

#include "common/Clock.h"

#include <QDateTime>
#include <QJsonValue>

namespace sreg::RecordJson {

namespace {

QJsonValue time(qint64 ms)
{
    return ms > 0 ? QJsonValue(toRfc3339(ms)) : QJsonValue();
}

QJsonValue time(const std::optional<qint64>& ms)
{
    return ms ? time(*ms) : QJsonValue();
}

qint64 timeFrom(const QJsonValue& value)
{
    if (!value.isString())
        return 0;
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

std::optional<qint64> optionalTimeFrom(const QJsonValue& value)
{
    if (!value.isString())
        return std::nullopt;
    return timeFrom(value);
}

QJsonValue optionalBytes(const std::optional<qint64>& bytes)
{
    return bytes ? QJsonValue(double(*bytes)) : QJsonValue();
}

std::optional<qint64> optionalBytesFrom(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    return qint64(value.toDouble());
}

qint64 integer(const QJsonValue& value)
{
    return qint64(value.toDouble());
}

QJsonArray strings(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsFrom(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

} // namespace

QJsonObject toJson(const CollectionRecord& r)
{
    return { { "id", double(r.id) }, { "name", r.name }, { "description", r.description }, { "private", r.isPrivate },
        { "contributorsCanPush", r.contributorsCanPush }, { "quotaBytes", optionalBytes(r.quotaBytes) },
        { "createdBy", r.createdBy }, { "createdAt", time(r.createdAt) }, { "updatedAt", time(r.updatedAt) },
        { "containerCount", double(r.containerCount) }, { "imageCount", double(r.imageCount) },
        { "totalBytes", double(r.totalBytes) } };
}

CollectionRecord collectionFromJson(const QJsonObject& j)
{
    CollectionRecord r;
    r.id = integer(j["id"]);
    r.name = j["name"].toString();
    r.description = j["description"].toString();
    r.isPrivate = j["private"].toBool();
    r.contributorsCanPush = j["contributorsCanPush"].toBool();
    r.quotaBytes = optionalBytesFrom(j["quotaBytes"]);
    r.createdBy = j["createdBy"].toString();
    r.createdAt = timeFrom(j["createdAt"]);
    r.updatedAt = timeFrom(j["updatedAt"]);
    r.containerCount = integer(j["containerCount"]);
    r.imageCount = integer(j["imageCount"]);
    r.totalBytes = integer(j["totalBytes"]);
    return r;
}

QJsonObject toJson(const ContainerRecord& r)
{
    return { { "id", double(r.id) }, { "collectionId", double(r.collectionId) }, { "collection", r.collection },
        { "name", r.name }, { "description", r.description }, { "createdAt", time(r.createdAt) },
        { "updatedAt", time(r.updatedAt) }, { "imageCount", double(r.imageCount) }, { "downloads", double(r.downloads) } };
}

ContainerRecord containerFromJson(const QJsonObject& j)
{
    ContainerRecord r;
    r.id = integer(j["id"]);
    r.collectionId = integer(j["collectionId"]);
    r.collection = j["collection"].toString();
    r.name = j["name"].toString();
    r.description = j["description"].toString();
    r.createdAt = timeFrom(j["createdAt"]);
    r.updatedAt = timeFrom(j["updatedAt"]);
    r.imageCount = integer(j["imageCount"]);
    r.downloads = integer(j["downloads"]);
    return r;
}

QJsonObject toJson(const ImageRecord& r)
{
    return { { "id", double(r.id) }, { "containerId", double(r.containerId) }, { "collectionId", double(r.collectionId) },
        { "collection", r.collection }, { "container", r.container }, { "digest", r.digest }, { "size", double(r.size) },
        { "arch", r.arch }, { "description", r.description }, { "uploaded", r.uploaded }, { "signed", r.isSigned },
        { "private", r.collectionPrivate }, { "uploadedBy", r.uploadedBy }, { "createdAt", time(r.createdAt) },
        { "downloads", double(r.downloads) }, { "lastPulledAt", time(r.lastPulledAt) }, { "tags", strings(r.tags) } };
}

ImageRecord imageFromJson(const QJsonObject& j)
{
    ImageRecord r;
    r.id = integer(j["id"]);
    r.containerId = integer(j["containerId"]);
    r.collectionId = integer(j["collectionId"]);
    r.collection = j["collection"].toString();
    r.container = j["container"].toString();
    r.digest = j["digest"].toString();
    r.size = integer(j["size"]);
    r.arch = j["arch"].toString();
    r.description = j["description"].toString();
    r.uploaded = j["uploaded"].toBool();
    r.isSigned = j["signed"].toBool();
    r.collectionPrivate = j["private"].toBool();
    r.uploadedBy = j["uploadedBy"].toString();
    r.createdAt = timeFrom(j["createdAt"]);
    r.downloads = integer(j["downloads"]);
    r.lastPulledAt = optionalTimeFrom(j["lastPulledAt"]);
    r.tags = stringsFrom(j["tags"]);
    return r;
}

QJsonObject toJson(const TagRecord& r)
{
    return { { "id", double(r.id) }, { "containerId", double(r.containerId) }, { "collectionId", double(r.collectionId) },
        { "collection", r.collection }, { "container", r.container }, { "name", r.name }, { "arch", r.arch },
        { "frozen", r.frozen }, { "createdAt", time(r.createdAt) }, { "updatedAt", time(r.updatedAt) },
        { "image", toJson(r.image) } };
}

TagRecord tagFromJson(const QJsonObject& j)
{
    TagRecord r;
    r.id = integer(j["id"]);
    r.containerId = integer(j["containerId"]);
    r.collectionId = integer(j["collectionId"]);
    r.collection = j["collection"].toString();
    r.container = j["container"].toString();
    r.name = j["name"].toString();
    r.arch = j["arch"].toString();
    r.frozen = j["frozen"].toBool();
    r.createdAt = timeFrom(j["createdAt"]);
    r.updatedAt = timeFrom(j["updatedAt"]);
    r.image = imageFromJson(j["image"].toObject());
    return r;
}

QJsonObject toJson(const TagHistoryRecord& r)
{
    return { { "tag", r.tag }, { "arch", r.arch }, { "digest", r.digest }, { "action", r.action }, { "actor", r.actor },
        { "at", time(r.at) } };
}

TagHistoryRecord tagHistoryFromJson(const QJsonObject& j)
{
    return { j["tag"].toString(), j["arch"].toString(), j["digest"].toString(), j["action"].toString(),
        j["actor"].toString(), timeFrom(j["at"]) };
}

QJsonObject toJson(const UserRecord& r)
{
    return { { "id", double(r.id) }, { "name", r.name }, { "fullName", r.fullName }, { "email", r.email },
        { "admin", r.admin }, { "active", r.active }, { "quotaBytes", optionalBytes(r.quotaBytes) },
        { "createdAt", time(r.createdAt) } };
}

UserRecord userFromJson(const QJsonObject& j)
{
    UserRecord r;
    r.id = integer(j["id"]);
    r.name = j["name"].toString();
    r.fullName = j["fullName"].toString();
    r.email = j["email"].toString();
    r.admin = j["admin"].toBool();
    r.active = j["active"].toBool(true);
    r.quotaBytes = optionalBytesFrom(j["quotaBytes"]);
    r.createdAt = timeFrom(j["createdAt"]);
    return r;
}

QJsonObject toJson(const TeamRecord& r)
{
    QJsonArray members;
    for (const TeamMemberRecord& member : r.members)
        members.append(QJsonObject { { "userId", double(member.userId) }, { "user", member.userName }, { "owner", member.owner } });
    return { { "id", double(r.id) }, { "name", r.name }, { "description", r.description }, { "createdAt", time(r.createdAt) },
        { "members", members } };
}

TeamRecord teamFromJson(const QJsonObject& j)
{
    TeamRecord r;
    r.id = integer(j["id"]);
    r.name = j["name"].toString();
    r.description = j["description"].toString();
    r.createdAt = timeFrom(j["createdAt"]);
    for (const QJsonValue& value : j["members"].toArray()) {
        const QJsonObject member = value.toObject();
        r.members.append({ integer(member["userId"]), member["user"].toString(), member["owner"].toBool() });
    }
    return r;
}

QJsonObject toJson(const CollectionMemberRecord& r)
{
    return { { "name", r.name }, { "team", r.isTeam }, { "role", r.owner ? "owner" : "contributor" } };
}

CollectionMemberRecord memberFromJson(const QJsonObject& j)
{
    return { j["name"].toString(), j["team"].toBool(), j["role"].toString() == u"owner" };
}

QJsonObject toJson(const TokenRecord& r)
{
    return { { "id", double(r.id) }, { "userId", double(r.userId) }, { "user", r.userName }, { "name", r.name },
        { "publicId", r.publicId }, { "scopes", strings(r.scopes) }, { "createdAt", time(r.createdAt) },
        { "expiresAt", time(r.expiresAt) }, { "lastUsedAt", time(r.lastUsedAt) }, { "revokedAt", time(r.revokedAt) } };
}

TokenRecord tokenFromJson(const QJsonObject& j)
{
    TokenRecord r;
    r.id = integer(j["id"]);
    r.userId = integer(j["userId"]);
    r.userName = j["user"].toString();
    r.name = j["name"].toString();
    r.publicId = j["publicId"].toString();
    r.scopes = stringsFrom(j["scopes"]);
    r.createdAt = timeFrom(j["createdAt"]);
    r.expiresAt = optionalTimeFrom(j["expiresAt"]);
    r.lastUsedAt = optionalTimeFrom(j["lastUsedAt"]);
    r.revokedAt = optionalTimeFrom(j["revokedAt"]);
    return r;
}

QJsonObject toJson(const AuditEventRecord& r)
{
    return { { "id", double(r.id) }, { "at", time(r.at) }, { "actor", r.actor }, { "action", r.action },
        { "objectType", r.objectType }, { "object", r.object }, { "outcome", r.outcome }, { "detail", r.detail } };
}

AuditEventRecord auditEventFromJson(const QJsonObject& j)
{
    AuditEventRecord r;
    r.id = integer(j["id"]);
    r.at = timeFrom(j["at"]);
    r.actor = j["actor"].toString();
    r.action = j["action"].toString();
    r.objectType = j["objectType"].toString();
    r.object = j["object"].toString();
    r.outcome = j["outcome"].toString();
    r.detail = j["detail"].toString();
    return r;
}

QJsonObject toJson(const GcReport& r)
{
    QJsonArray blobs;
    for (const BlobInfo& blob : r.blobs)
        blobs.append(QJsonObject { { "digest", blob.digest.toString() }, { "size", double(blob.size) } });
    return { { "dryRun", r.dryRun }, { "blobs", blobs }, { "bytes", double(r.bytes) },
        { "abandonedUploads", r.abandonedUploads }, { "errors", strings(r.errors) } };
}

GcReport gcReportFromJson(const QJsonObject& j)
{
    GcReport r;
    r.dryRun = j["dryRun"].toBool();
    for (const QJsonValue& value : j["blobs"].toArray()) {
        const QJsonObject blob = value.toObject();
        r.blobs.append({ Digest::fromString(blob["digest"].toString()).value_or(Digest()), integer(blob["size"]) });
    }
    r.bytes = integer(j["bytes"]);
    r.abandonedUploads = j["abandonedUploads"].toInt();
    r.errors = stringsFrom(j["errors"]);
    return r;
}

QJsonObject toJson(const VerifyReport& r)
{
    return { { "ok", r.ok() }, { "blobsChecked", double(r.blobsChecked) }, { "bytesChecked", double(r.bytesChecked) },
        { "mismatched", strings(r.mismatched) }, { "missing", strings(r.missing) }, { "unreadable", strings(r.unreadable) } };
}

VerifyReport verifyReportFromJson(const QJsonObject& j)
{
    VerifyReport r;
    r.blobsChecked = integer(j["blobsChecked"]);
    r.bytesChecked = integer(j["bytesChecked"]);
    r.mismatched = stringsFrom(j["mismatched"]);
    r.missing = stringsFrom(j["missing"]);
    r.unreadable = stringsFrom(j["unreadable"]);
    return r;
}

QJsonObject toJson(const StorageUsage& u)
{
    QJsonArray collections;
    for (const CollectionUsage& c : u.collections)
        collections.append(QJsonObject { { "collection", c.collection }, { "bytes", double(c.bytes) },
            { "images", double(c.images) }, { "quotaBytes", optionalBytes(c.quotaBytes) } });
    return { { "collections", collections }, { "referencedBytes", double(u.referencedBytes) },
        { "storedBytes", double(u.storedBytes) }, { "reclaimableBytes", double(u.reclaimableBytes) } };
}

StorageUsage storageUsageFromJson(const QJsonObject& j)
{
    StorageUsage u;
    for (const QJsonValue& value : j["collections"].toArray()) {
        const QJsonObject c = value.toObject();
        u.collections.append({ c["collection"].toString(), integer(c["bytes"]), integer(c["images"]),
            optionalBytesFrom(c["quotaBytes"]) });
    }
    u.referencedBytes = integer(j["referencedBytes"]);
    u.storedBytes = integer(j["storedBytes"]);
    u.reclaimableBytes = integer(j["reclaimableBytes"]);
    return u;
}

} // namespace sreg::RecordJson
