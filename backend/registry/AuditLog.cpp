#include "AuditLog.h"

#include "Permissions.h"
#include "RecordQueries.h"
#include "RegistryContext.h"
#include "common/Clock.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

#include <QDebug>

namespace sreg {

AuditLog::AuditLog(RegistryContext& context)
    : m_context(context)
{
}

void AuditLog::record(const Actor& actor, const QString& action, const QString& objectType, const QString& object,
    const QString& outcome, const QString& detail)
{
    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> q = sqlExec(db,
        QStringLiteral("INSERT INTO audit_events (at, actor, action, object_type, object, outcome, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { nowMs(), actor.auditName(), action, objectType, object, outcome, detail.left(2000) });
    if (!q)
        qWarning().noquote() << "audit log:" << q.error().message();
}

void AuditLog::recordOutcome(const Actor& actor, const QString& action, const QString& objectType,
    const QString& object, const Status& status, const QString& detail)
{
    if (status.ok()) {
        record(actor, action, objectType, object, QStringLiteral("ok"), detail);
        return;
    }
    const ErrorCode code = status.error().code();
    const bool denied = code == ErrorCode::PermissionDenied || code == ErrorCode::Unauthenticated;
    record(actor, action, objectType, object, denied ? QStringLiteral("denied") : QStringLiteral("failed"),
        status.error().message());
}

Result<QList<AuditEventRecord>> AuditLog::query(const Actor& actor, const AuditQuery& query)
{
    if (!Permissions::allows(actor, Action::ViewAudit))
        return Error(ErrorCode::PermissionDenied, QStringLiteral("only administrators may read the audit log"));
    QString sql = QStringLiteral(
        "SELECT id, at, actor, action, object_type, object, outcome, detail FROM audit_events WHERE 1 = 1");
    QVariantList binds;
    if (!query.actor.isEmpty()) {
        sql += QStringLiteral(" AND actor = ?");
        binds.append(query.actor);
    }
    if (!query.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds.append(query.action);
    }
    if (!query.text.isEmpty()) {
        sql += QStringLiteral(" AND (LOWER(object) LIKE ? ESCAPE '\\' OR LOWER(detail) LIKE ? ESCAPE '\\')");
        const QString pattern = RecordQueries::likePattern(query.text);
        binds << pattern << pattern;
    }
    if (query.since > 0) {
        sql += QStringLiteral(" AND at >= ?");
        binds.append(query.since);
    }
    if (query.until > 0) {
        sql += QStringLiteral(" AND at < ?");
        binds.append(query.until);
    }
    if (query.beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        binds.append(query.beforeId);
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    binds.append(qBound(1, query.limit, 100000));

    QSqlDatabase db = m_context.database->connection();
    Result<QSqlQuery> rows = sqlExec(db, sql, binds);
    if (!rows)
        return rows.error();
    QList<AuditEventRecord> events;
    while (rows->next()) {
        AuditEventRecord event;
        event.id = rows->value(0).toLongLong();
        event.at = rows->value(1).toLongLong();
        event.actor = rows->value(2).toString();
        event.action = rows->value(3).toString();
        event.objectType = rows->value(4).toString();
        event.object = rows->value(5).toString();
        event.outcome = rows->value(6).toString();
        event.detail = rows->value(7).toString();
        events.append(event);
    }
    return events;
}

QByteArray AuditLog::toCsv(const QList<AuditEventRecord>& events)
{
    auto field = [](const QString& value) {
        QString text = value;
        // Cells starting with a formula character are prefixed so spreadsheets do not evaluate them.
        if (!text.isEmpty() && QStringLiteral("=+-@").contains(text.front()))
            text.prepend(u'\'');
        if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
            text = u'"' + text.replace(u'"', QStringLiteral("\"\"")) + u'"';
        return text;
    };
    QByteArray csv = "time,actor,action,object_type,object,outcome,detail\r\n";
    for (const AuditEventRecord& event : events) {
        const QStringList cells { toRfc3339(event.at), field(event.actor), field(event.action), field(event.objectType),
            field(event.object), field(event.outcome), field(event.detail) };
        csv += cells.join(u',').toUtf8() + "\r\n";
    }
    return csv;
}

} // namespace sreg
