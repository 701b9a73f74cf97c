#include "AccessLog.h"

#include "CapabilityUrls.h"
#include "common/Clock.h"

#include <QFile>
#include <fcntl.h>
#include <unistd.h>

namespace sreg::http {

AccessLog::AccessLog(std::FILE* file, bool owned) : m_file(file), m_owned(owned) { }

AccessLog::~AccessLog()
{
    if (m_owned && m_file)
        std::fclose(m_file);
}

Result<std::unique_ptr<AccessLog>> AccessLog::open(const QString& path)
{
    if (path.isEmpty())
        return std::unique_ptr<AccessLog>(new AccessLog(stderr, false));
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(ErrorCode::Io,
                     QStringLiteral("cannot open the access log %1: %2").arg(path, qt_error_string(errno)));
    std::FILE* file = ::fdopen(fd, "a");
    if (!file) {
        ::close(fd);
        return Error(ErrorCode::Io, QStringLiteral("cannot open the access log %1").arg(path));
    }
    return std::unique_ptr<AccessLog>(new AccessLog(file, true));
}

QString AccessLog::redactPath(const QString& path)
{
    QString redacted = path;
    const QString prefix = CapabilityUrls::PathPrefix;
    if (redacted.startsWith(prefix)) {
        const qsizetype end = redacted.indexOf(u'/', prefix.size());
        redacted = prefix + QStringLiteral("<redacted>") + (end < 0 ? QString() : redacted.mid(end));
    }
    QString safe;
    safe.reserve(redacted.size());
    for (QChar c : redacted) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u'"' || c == u'\\')
            safe += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            safe += c;
    }
    return safe;
}

QString AccessLog::format(const AccessEntry& entry, qint64 nowMs)
{
    return QStringLiteral("%1 %2 \"%3 %4\" %5 %6 %7 %8")
               .arg(toRfc3339(nowMs), entry.client.isEmpty() ? QStringLiteral("-") : entry.client,
                    entry.method.isEmpty() ? QStringLiteral("-") : entry.method, entry.path,
                    QString::number(entry.status), QString::number(entry.bytes),
                    entry.elapsedMs < 0 ? QStringLiteral("-") : QStringLiteral("%1ms").arg(entry.elapsedMs),
                    entry.user.isEmpty() ? QStringLiteral("-") : entry.user)
        + (entry.problem.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(redactPath(entry.problem)));
}

void AccessLog::write(const AccessEntry& entry)
{
    const QByteArray line = format(entry, nowMs()).toUtf8() + '\n';
    const std::lock_guard lock(m_mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), m_file);
    std::fflush(m_file);
}

} // namespace sreg::http
