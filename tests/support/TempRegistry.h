#pragma once

#include "registry/Registry.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace sreg::test {

// A registry in a fresh temporary data folder, removed with the object.
class TempRegistry final
{
public:
    explicit TempRegistry(RegistryOptions options = {});

    bool isOpen() const { return m_registry != nullptr; }
    QString openError() const { return m_error; }
    Registry& registry() { return *m_registry; }
    std::shared_ptr<Registry> shared() { return m_registry; }
    QString dataDir() const { return m_dir.path(); }
    // Closes and reopens the registry on the same folder (runs the recovery an interrupted process needs).
    bool reopen();
    void close() { m_registry.reset(); }

    // Everything a refused operation must leave untouched: row counts of every table but the audit log, and
    // every file under the data folder except the database's own files. Compare two snapshots with QCOMPARE.
    QString snapshot();

private:
    QTemporaryDir m_dir;
    RegistryOptions m_options;
    std::shared_ptr<Registry> m_registry;
    QString m_error;
};

} // namespace sreg::test
