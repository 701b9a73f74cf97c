#pragma once

#include "metadata/Records.h"

#include <QList>
#include <QString>

#include <optional>

namespace sreg {

// Which image a tag means when it exists for several architectures.
namespace ArchSelection {

// The architecture this program runs on, in SIF/Go naming ("amd64", "arm64", ...).
QString hostArch();
// requested non-empty: the exact arch, else an arch-neutral ("unknown") image. Requested empty: the only one,
// else the host's arch, else the most recently updated. nullopt when nothing fits.
std::optional<int> choose(const QList<TagRecord>& candidates, const QString& requested);

} // namespace ArchSelection
} // namespace sreg
