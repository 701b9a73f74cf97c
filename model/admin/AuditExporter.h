#pragma once

#include "AuditFilter.h"
#include "RegistrySource.h"

#include <QObject>
#include <QPointer>

namespace sreg {

// Writes every event matching a filter (not only the pages a view has loaded) as CSV (AuditLog::toCsv).
// Reads page by page through the source and writes the file on a worker thread: the GUI never waits.
class AuditExporter final : public QObject
{
    Q_OBJECT

public:
    AuditExporter(RegistrySource* source, QObject* parent = nullptr);

    void setPageSize(int pageSize) { m_pageSize = qMax(1, pageSize); }
    bool isRunning() const { return m_running; }
    // One export at a time; returns false while one runs.
    bool start(const AuditFilter& filter, const QString& path);

Q_SIGNALS:
    void progress(int eventsRead);
    // error empty on success.
    void finished(int eventsWritten, const QString& path, const QString& error);

private:
    void readPage(qint64 beforeId);
    void write();
    void fail(const QString& error);

    QPointer<RegistrySource> m_source;
    AuditFilter m_filter;
    QString m_path;
    QList<AuditEventRecord> m_events;
    int m_pageSize = 1000;
    bool m_running = false;
};

} // namespace sreg
