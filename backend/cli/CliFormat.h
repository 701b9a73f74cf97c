#pragma once

#include <QString>
#include <QStringList>

namespace sreg::CliFormat {

// "1.5 GiB", "27 KiB", "0 B": binary units, one decimal above KiB.
QString bytes(qint64 bytes);
// "2026-11-30 04:32" in UTC, or "-" for 0.
QString time(qint64 ms);
QString shortDigest(const QString& digest); // "sha256.8c00123a5473"
// Left-aligned columns separated by two spaces; the first row is the header.
QString table(const QList<QStringList>& rows);

} // namespace sreg::CliFormat
