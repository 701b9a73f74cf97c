#pragma once

#include "Actor.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <QList>
#include <QString>

namespace sreg {

struct RegistryContext;

struct AuditQuery
{
    QString actor; // exact
    QString action; // exact
    QString text; // substring of object or detail
    qint64 since = 0; // ms, inclusive; 0 = any
    qint64 until = 0; // ms, exclusive; 0 = any
    qint64 beforeId = 0; // paging: only events older than this id; 0 = newest
    int limit = 500;
};

// Who did what, when, and how it ended. Every mutating operation of the engine records one event, including
// refused ones (outcome "denied") and failed ones ("failed").
class AuditLog final
{
public:
    explicit AuditLog(RegistryContext& context);

    void record(const Actor& actor, const QString& action, const QString& objectType, const QString& object,
        const QString& outcome, const QString& detail = {});
    // Convenience: records the outcome of a Status/Result (ok, denied for permission errors, failed otherwise).
    void recordOutcome(const Actor& actor, const QString& action, const QString& objectType, const QString& object,
        const Status& status, const QString& detail = {});

    Result<QList<AuditEventRecord>> query(const Actor& actor, const AuditQuery& query);
    // RFC 4180 CSV of the events, with a header row.
    static QByteArray toCsv(const QList<AuditEventRecord>& events);

private:
    RegistryContext& m_context;
};

} // namespace sreg
