#pragma once

#include "Actor.h"
#include "common/Result.h"

#include <QSqlDatabase>

namespace sreg {

// Storage quotas: bytes per collection and per user, both optional. Usage counts each distinct blob once
// (the same image under ten tags costs its size once).
namespace Quotas {

Result<qint64> collectionUsage(QSqlDatabase& db, qint64 collectionId);
Result<qint64> userUsage(QSqlDatabase& db, qint64 userId);
// Bytes the actor may still add to the collection: the smaller of what the collection's and the user's quotas
// leave; -1 when neither is limited. collectionId 0 = a collection about to be created.
Result<qint64> remaining(QSqlDatabase& db, const Actor& actor, qint64 collectionId);
// True when the collection already holds digest (and, for a user, the user already stored it): pushing it again
// costs nothing against either quota.
Result<bool> alreadyCounted(QSqlDatabase& db, const Actor& actor, qint64 collectionId, const QString& digest);
// QuotaExceeded when the collection's or the actor's usage is now over its quota (checked after recording).
Status checkWithin(QSqlDatabase& db, const Actor& actor, qint64 collectionId, const QString& collectionName);

} // namespace Quotas
} // namespace sreg
