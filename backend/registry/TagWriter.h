#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace sreg {

// Moves, freezes and removes tags inside the caller's transaction, writing tag history as it goes. The one
// place that enforces "a frozen tag never moves".
namespace TagWriter {

// Points (containerId, tag, arch) at imageId. Frozen tags refuse to move (pointing again at the same image is
// fine). Returns true when something changed.
Result<bool> set(QSqlDatabase& db, qint64 containerId, const QString& tag, const QString& arch, qint64 imageId,
    const QString& digest, const QString& actor);
Status setFrozen(QSqlDatabase& db, qint64 tagId, bool frozen, const QString& actor);
// Removes one tag; refused when frozen.
Status remove(QSqlDatabase& db, qint64 tagId, const QString& actor);

} // namespace TagWriter
} // namespace sreg
