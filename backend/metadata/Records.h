#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace sreg {

// Plain rows of the metadata database, as the engine hands them to the CLI, the HTTP APIs and the models.
// Times are Unix milliseconds, UTC.

struct UserRecord
{
    qint64 id = 0;
    QString name;
    QString fullName;
    QString email;
    bool admin = false;
    bool active = true;
    std::optional<qint64> quotaBytes;
    qint64 createdAt = 0;
};

struct TeamMemberRecord
{
    qint64 userId = 0;
    QString userName;
    bool owner = false;
};

struct TeamRecord
{
    qint64 id = 0;
    QString name;
    QString description;
    qint64 createdAt = 0;
    QList<TeamMemberRecord> members;
};

// A user or team that owns or contributes to a collection.
struct CollectionMemberRecord
{
    QString name;
    bool isTeam = false;
    bool owner = false; // else contributor
};

struct CollectionRecord
{
    qint64 id = 0;
    QString name;
    QString description;
    bool isPrivate = false;
    bool contributorsCanPush = false;
    std::optional<qint64> quotaBytes;
    QString createdBy;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // Aggregates, filled by listings.
    qint64 containerCount = 0;
    qint64 imageCount = 0;
    qint64 totalBytes = 0; // distinct blobs referenced by the collection
};

struct ContainerRecord
{
    qint64 id = 0;
    qint64 collectionId = 0;
    QString collection;
    QString name;
    QString description;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 imageCount = 0;
    qint64 downloads = 0;
};

struct ImageRecord
{
    qint64 id = 0;
    qint64 containerId = 0;
    qint64 collectionId = 0;
    QString collection;
    QString container;
    QString digest; // "sha256.<hex>"
    qint64 size = 0;
    QString arch;
    QString description;
    bool uploaded = false;
    bool isSigned = false;
    bool collectionPrivate = false;
    QString uploadedBy;
    qint64 createdAt = 0;
    qint64 downloads = 0;
    std::optional<qint64> lastPulledAt;
    QStringList tags; // tags (of any arch) pointing at this image
};

struct TagRecord
{
    qint64 id = 0;
    qint64 containerId = 0;
    qint64 collectionId = 0;
    QString collection;
    QString container;
    QString name;
    QString arch;
    bool frozen = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    ImageRecord image;
};

struct TagHistoryRecord
{
    QString tag;
    QString arch;
    QString digest;
    QString action; // "set", "moved", "deleted", "frozen", "unfrozen"
    QString actor;
    qint64 at = 0;
};

struct TokenRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    QString userName;
    QString name;
    QString publicId;
    QStringList scopes; // "read", "push", "admin"
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    std::optional<qint64> lastUsedAt;
    std::optional<qint64> revokedAt;
};

struct AuditEventRecord
{
    qint64 id = 0;
    qint64 at = 0;
    QString actor;
    QString action;
    QString objectType;
    QString object;
    QString outcome; // "ok", "denied", "failed"
    QString detail;
};

} // namespace sreg

Q_DECLARE_METATYPE(sreg::CollectionRecord)
Q_DECLARE_METATYPE(sreg::ContainerRecord)
Q_DECLARE_METATYPE(sreg::ImageRecord)
Q_DECLARE_METATYPE(sreg::TagRecord)
Q_DECLARE_METATYPE(sreg::TokenRecord)
Q_DECLARE_METATYPE(sreg::UserRecord)
Q_DECLARE_METATYPE(sreg::TeamRecord)
Q_DECLARE_METATYPE(sreg::AuditEventRecord)
