#pragma once

// Test helper: fills a registry quickly through the engine (no tasks, no event loop).

#include "registry/Registry.h"

#include <QString>
#include <QStringList>

namespace sreg::test {

// Pushes fixture (a file name under the fixtures folder) as collection/container with tags. Returns an error
// message, or an empty string on success.
QString seedPush(Registry& registry, const QString& fixture, const QString& collection, const QString& container,
                 const QStringList& tags);

} // namespace sreg::test
