#include "TestSupport.h"

#include "common/FileByteSource.h"
#include "common/Sha256.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

namespace sreg::test {

QString fixturesDir()
{
    const QString dir = qEnvironmentVariable("SREG_FIXTURES_DIR");
    if (dir.isEmpty() || !QFile::exists(dir + QStringLiteral("/README.md")))
        qFatal("SIF fixtures not found: set SREG_FIXTURES_DIR to ../shared/fixtures/sif (got '%s')", qPrintable(dir));
    return dir;
}

QString fixture(const QString& relativePath)
{
    return fixturesDir() + u'/' + relativePath;
}

QString binDir()
{
    const QString dir = qEnvironmentVariable("SREG_BIN_DIR");
    return dir.isEmpty() ? QCoreApplication::applicationDirPath() : dir;
}

QString sourceDir()
{
    return qEnvironmentVariable("SREG_SOURCE_DIR");
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QString sha256OfFile(const QString& path)
{
    auto source = FileByteSource::open(path);
    if (!source)
        return {};
    Sha256 hasher;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 offset = 0;
    for (;;) {
        auto n = (*source)->readAt(offset, buffer.data(), buffer.size());
        if (!n || *n == 0)
            break;
        hasher.update(buffer.constData(), size_t(*n));
        offset += *n;
    }
    return hasher.finish().hex();
}

QStringList listFilesRecursively(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace sreg::test
