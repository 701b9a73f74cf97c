#include "AuditExporter.h"

#include <QFutureWatcher>
#include <QSaveFile>
#include <QtConcurrent>

namespace sreg {

AuditExporter::AuditExporter(RegistrySource* source, QObject* parent) : QObject(parent), m_source(source) { }

bool AuditExporter::start(const AuditFilter& filter, const QString& path)
{
    if (m_running || !m_source)
        return false;
    m_running = true;
    m_filter = filter;
    m_path = path;
    m_events.clear();
    readPage(0);
    return true;
}

void AuditExporter::readPage(qint64 beforeId)
{
    if (!m_source)
        return fail(tr("The registry went away"));
    m_source->audit(m_filter.toQuery(beforeId, m_pageSize), this, [this](Result<QList<AuditEventRecord>> page) {
        if (!page)
            return fail(tr("Could not read the audit log: %1").arg(page.error().message()));
        qint64 oldest = 0;
        for (const AuditEventRecord& event : page.value()) {
            oldest = oldest == 0 ? event.id : qMin(oldest, event.id);
            if (m_filter.matches(event))
                m_events.append(event);
        }
        Q_EMIT progress(int(m_events.size()));
        if (page->size() >= m_pageSize && oldest > 0)
            return readPage(oldest);
        write();
    });
}

void AuditExporter::write()
{
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (!error.isEmpty())
            return fail(error);
        m_running = false;
        Q_EMIT finished(int(m_events.size()), m_path, {});
    });
    // QSaveFile: a failed or interrupted export never leaves a truncated file where the user asked for one.
    watcher->setFuture(QtConcurrent::run([events = m_events, path = m_path]() -> QString {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return tr("Could not write %1: %2").arg(path, file.errorString());
        file.write(AuditLog::toCsv(events));
        if (!file.commit())
            return tr("Could not write %1: %2").arg(path, file.errorString());
        return QString();
    }));
}

void AuditExporter::fail(const QString& error)
{
    m_running = false;
    Q_EMIT finished(0, m_path, error);
}

} // namespace sreg
