// Writes a file through LocalBlobStore and compares the throughput with `cp` + `sync` of the same file on the
// same file system, measured in the same run; then re-hashes the stored blob and compares with
// `openssl dgst -sha256`. Not a test: run by hand, e.g.
//   blobstore-write-bench /path/to/image.sif --dir /path/on/the/target/disk --runs 3
#include "storage/ByteSourceHasher.h"
#include "storage/LocalBlobStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <unistd.h>
#include <vector>

using namespace sreg;

namespace {

constexpr size_t ReadSize = 4 * 1024 * 1024;

double mibPerSecond(qint64 bytes, qint64 nanoseconds)
{
    return nanoseconds > 0 ? double(bytes) / (1024.0 * 1024.0) / (double(nanoseconds) / 1e9) : 0.0;
}

bool shell(const QString& command)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), command });
    return process.waitForFinished(-1) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString quoted(const QString& path)
{
    QString text = path;
    return u'\'' + text.replace(u'\'', QStringLiteral("'\\''")) + u'\'';
}

// Returns elapsed nanoseconds, or -1.
qint64 timeCopyAndSync(const QString& source, const QString& target)
{
    QElapsedTimer timer;
    timer.start();
    if (!shell(QStringLiteral("cp %1 %2 && sync").arg(quoted(source), quoted(target))))
        return -1;
    return timer.nsecsElapsed();
}

// Reads the file the way the command line pushes one: big sequential reads handed to the writer.
qint64 timeStoreWrite(BlobStore& store, const QString& source, Digest& digest)
{
    QElapsedTimer timer;
    timer.start();
    const int fd = ::open(QFile::encodeName(source).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    auto writer = store.beginWrite(BlobWriteOptions());
    if (!writer) {
        std::fprintf(stderr, "%s\n", qPrintable(writer.error().message()));
        ::close(fd);
        return -1;
    }
    std::unique_ptr<char[]> buffer = std::make_unique<char[]>(ReadSize);
    for (;;) {
        const ssize_t n = ::read(fd, buffer.get(), ReadSize);
        if (n < 0) {
            ::close(fd);
            return -1;
        }
        if (n == 0)
            break;
        if (Status written = (*writer)->write(buffer.get(), n); !written) {
            std::fprintf(stderr, "%s\n", qPrintable(written.error().message()));
            ::close(fd);
            return -1;
        }
    }
    ::close(fd);
    Result<Digest> finished = (*writer)->finish();
    Status committed = finished ? (*writer)->commit() : Status(finished.error());
    if (!committed) {
        std::fprintf(stderr, "%s\n", qPrintable(committed.error().message()));
        return -1;
    }
    digest = *finished;
    return timer.nsecsElapsed();
}

// Re-hashes a stored blob the way a verification would.
qint64 timeRehash(BlobStore& store, const Digest& digest)
{
    QElapsedTimer timer;
    timer.start();
    auto source = store.openRead(digest);
    if (!source)
        return -1;
    Result<Digest> rehashed = ByteSourceHasher::hash(**source);
    return rehashed && *rehashed == digest ? timer.nsecsElapsed() : -1;
}

qint64 median(std::vector<qint64> values)
{
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

qint64 timeOpensslDgst(const QString& path)
{
    QElapsedTimer timer;
    timer.start();
    if (!shell(QStringLiteral("openssl dgst -sha256 %1 >/dev/null").arg(quoted(path))))
        return -1;
    return timer.nsecsElapsed();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Throughput of LocalBlobStore writes against cp + sync"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The file to write (e.g. a 1 GiB SIF)."));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Folder on the disk to measure (default: the system temporary folder)."),
        QStringLiteral("dir"), QDir::tempPath());
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Measurements of each (default 5)."),
                                        QStringLiteral("n"), QStringLiteral("5"));
    // Virtual disks absorb a burst of writes and then throttle until their host has caught up; without a pause
    // whichever contender runs second pays for the first one's writes.
    const QCommandLineOption settleOption(
        QStringLiteral("settle"),
        QStringLiteral("Seconds to wait after every write so that the disk is idle again (default 5)."),
        QStringLiteral("s"), QStringLiteral("5"));
    parser.addOption(dirOption);
    parser.addOption(runsOption);
    parser.addOption(settleOption);
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const QString source = parser.positionalArguments().constFirst();
    const qint64 bytes = QFileInfo(source).size();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const int settleSeconds = std::max(0, parser.value(settleOption).toInt());
    const auto settle = [settleSeconds] {
        shell(QStringLiteral("sync"));
        QThread::sleep(settleSeconds);
    };

    QTemporaryDir dir(parser.value(dirOption) + QStringLiteral("/blobstore-bench-XXXXXX"));
    auto store = LocalBlobStore::open(dir.filePath(QStringLiteral("store")));
    if (!dir.isValid() || !store) {
        std::fprintf(stderr, "cannot prepare %s\n", qPrintable(dir.path()));
        return 1;
    }
    // Both contenders read the source from the page cache, so that only the writing differs.
    shell(QStringLiteral("cat %1 >/dev/null").arg(quoted(source)));
    settle();

    std::printf("file %s, %.1f MiB, target %s\n", qPrintable(source), double(bytes) / 1048576.0,
                qPrintable(dir.path()));
    std::vector<qint64> cpTimes, storeTimes, rehashTimes, dgstTimes;
    const auto keep = [](std::vector<qint64>& times, qint64 value) {
        if (value > 0)
            times.push_back(value);
    };
    const QString copy = dir.filePath(QStringLiteral("cp-copy"));
    for (int run = 0; run < runs; ++run) {
        Digest digest;
        qint64 cpTime = -1, storeTime = -1;
        // Alternating the order keeps writeback left over from one from being billed to the other.
        for (int step = 0; step < 2; ++step) {
            if ((step == 0) == (run % 2 == 0)) {
                cpTime = timeCopyAndSync(source, copy);
                QFile::remove(copy);
            } else {
                storeTime = timeStoreWrite(**store, source, digest);
            }
            settle();
        }
        const qint64 rehashTime = digest.isNull() ? -1 : timeRehash(**store, digest);
        const qint64 dgstTime = timeOpensslDgst(source);
        if (!digest.isNull())
            (void)(*store)->remove(digest);
        settle();
        std::printf("run %d: store %.0f MiB/s, cp+sync %.0f MiB/s, ratio %.2f | rehash %.0f MiB/s, openssl dgst "
                    "%.0f MiB/s, ratio %.2f\n",
                    run + 1, mibPerSecond(bytes, storeTime), mibPerSecond(bytes, cpTime),
                    cpTime > 0 && storeTime > 0 ? double(cpTime) / double(storeTime) : 0.0,
                    mibPerSecond(bytes, rehashTime), mibPerSecond(bytes, dgstTime),
                    rehashTime > 0 && dgstTime > 0 ? double(dgstTime) / double(rehashTime) : 0.0);
        keep(cpTimes, cpTime);
        keep(storeTimes, storeTime);
        keep(rehashTimes, rehashTime);
        keep(dgstTimes, dgstTime);
    }
    if (int(cpTimes.size()) != runs || int(storeTimes.size()) != runs || int(rehashTimes.size()) != runs
        || int(dgstTimes.size()) != runs) {
        std::fprintf(stderr, "a measurement failed\n");
        return 1;
    }
    const qint64 cpTime = median(cpTimes), storeTime = median(storeTimes);
    const qint64 rehashTime = median(rehashTimes), dgstTime = median(dgstTimes);
    std::printf("median: store %.0f MiB/s, cp+sync %.0f MiB/s, ratio %.2f | rehash %.0f MiB/s, openssl dgst %.0f "
                "MiB/s, ratio %.2f\n",
                mibPerSecond(bytes, storeTime), mibPerSecond(bytes, cpTime), double(cpTime) / double(storeTime),
                mibPerSecond(bytes, rehashTime), mibPerSecond(bytes, dgstTime), double(dgstTime) / double(rehashTime));
    return 0;
}
