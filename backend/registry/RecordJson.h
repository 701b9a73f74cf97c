#pragma once

#include "MaintenanceService.h"
#include "metadata/Records.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sreg {

// One JSON shape per record, shared by `sregistry-server … --json`, our server's admin API and the client
// that reads it back (toJson and fromJson are inverse). Times are RFC 3339 strings, sizes are bytes.
namespace RecordJson {

QJsonObject toJson(const CollectionRecord& record);
QJsonObject toJson(const ContainerRecord& record);
QJsonObject toJson(const ImageRecord& record);
QJsonObject toJson(const TagRecord& record);
QJsonObject toJson(const TagHistoryRecord& record);
QJsonObject toJson(const UserRecord& record);
QJsonObject toJson(const TeamRecord& record);
QJsonObject toJson(const CollectionMemberRecord& record);
QJsonObject toJson(const TokenRecord& record);
QJsonObject toJson(const AuditEventRecord& record);
QJsonObject toJson(const GcReport& report);
QJsonObject toJson(const VerifyReport& report);
QJsonObject toJson(const StorageUsage& usage);

CollectionRecord collectionFromJson(const QJsonObject& json);
ContainerRecord containerFromJson(const QJsonObject& json);
ImageRecord imageFromJson(const QJsonObject& json);
TagRecord tagFromJson(const QJsonObject& json);
TagHistoryRecord tagHistoryFromJson(const QJsonObject& json);
UserRecord userFromJson(const QJsonObject& json);
TeamRecord teamFromJson(const QJsonObject& json);
CollectionMemberRecord memberFromJson(const QJsonObject& json);
TokenRecord tokenFromJson(const QJsonObject& json);
AuditEventRecord auditEventFromJson(const QJsonObject& json);
GcReport gcReportFromJson(const QJsonObject& json);
VerifyReport verifyReportFromJson(const QJsonObject& json);
StorageUsage storageUsageFromJson(const QJsonObject& json);

template<typename T>
QJsonArray toJsonArray(const QList<T>& records)
{
    QJsonArray array;
    for (const T& record : records)
        array.append(toJson(record));
    return array;
}

} // namespace RecordJson
} // namespace sreg
