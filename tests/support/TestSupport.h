#pragma once

#include <QByteArray>
#include <QString>

namespace sreg::test {

// ../shared/fixtures/sif (from SREG_FIXTURES_DIR, set by CTest). Fails the calling test when it is missing.
QString fixturesDir();
QString fixture(const QString& relativePath); // fixturesDir() + "/" + relativePath
// build/bin, where sregistry-server and the other programs are.
QString binDir();
QString sourceDir();
QByteArray readFile(const QString& path);
bool writeFile(const QString& path, const QByteArray& bytes);
// Hex SHA-256 of a file's bytes.
QString sha256OfFile(const QString& path);
// Every regular file below dir, relative paths, sorted: lets a test prove a refusal left nothing behind.
QStringList listFilesRecursively(const QString& dir);

} // namespace sreg::test
