#include "AuditFilter.h"

namespace sreg {

AuditQuery AuditFilter::toQuery(qint64 beforeId, int limit) const
{
    AuditQuery query;
    query.actor = actor;
    query.action = action;
    query.text = text;
    query.since = since;
    query.until = until;
    query.beforeId = beforeId;
    query.limit = limit;
    return query;
}

bool AuditFilter::matches(const AuditEventRecord& event) const
{
    return outcome.isEmpty() || event.outcome == outcome;
}

} // namespace sreg
