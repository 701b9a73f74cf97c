#pragma once

#include <QString>

namespace sreg::Format {

// Human-readable figures shared by every model and pane, so a size reads the same everywhere.
QString bytes(qint64 bytes); // "1.5 GiB"
QString speed(double bytesPerSecond); // "12.3 MiB/s"
QString duration(qint64 seconds); // "1 h 02 min", "42 s"
QString dateTime(qint64 msSinceEpoch); // local time, short; empty for 0
QString shortDigest(const QString& digest); // "sha256.1a2b3c4d5e6f"

} // namespace sreg::Format
