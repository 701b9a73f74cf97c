#include "TempRegistry.h"

#include "TestSupport.h"
#include "metadata/Database.h"
#include "metadata/Sql.h"

#include <QSqlDatabase>

namespace sreg::test {

TempRegistry::TempRegistry(RegistryOptions options)
    : m_options(std::move(options))
{
    m_options.dataDir = m_dir.path();
    reopen();
}

bool TempRegistry::reopen()
{
    m_registry.reset();
    Result<std::shared_ptr<Registry>> opened = Registry::open(m_options);
    if (!opened) {
        m_error = opened.error().message();
        return false;
    }
    m_registry = *opened;
    return true;
}

QString TempRegistry::snapshot()
{
    QStringList lines;
    QSqlDatabase db = m_registry->database().connection();
    for (const QString& table : db.tables()) {
        if (table == u"audit_events" || table.startsWith(QStringLiteral("sqlite_")))
            continue;
        Result<std::optional<QVariant>> count = sqlScalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
        lines.append(table + u'=' + (count && *count ? (*count)->toString() : QStringLiteral("?")));
    }
    lines.sort();
    for (const QString& file : listFilesRecursively(m_dir.path())) {
        if (!file.startsWith(QStringLiteral("registry.db")))
            lines.append(QStringLiteral("file ") + file);
    }
    return lines.join(u'\n');
}

} // namespace sreg::test
