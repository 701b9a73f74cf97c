#pragma once

#include "registry/AuditLog.h"

#include <QString>

namespace sreg {

// What the Audit page filters on. Most of it is the engine's AuditQuery; the outcome is matched here because
// AuditQuery has no outcome field.
struct AuditFilter
{
    QString actor; // exact; empty = any
    QString action; // exact; empty = any
    QString outcome; // "ok", "denied", "failed"; empty = any
    QString text; // substring of object or detail
    qint64 since = 0; // ms, inclusive; 0 = any
    qint64 until = 0; // ms, exclusive; 0 = any

    AuditQuery toQuery(qint64 beforeId, int limit) const;
    bool matches(const AuditEventRecord& event) const; // the part the engine does not filter
    bool operator==(const AuditFilter&) const = default;
};

} // namespace sreg
