// bench-remote-mirror [--images 20] [--total-mib 2048] [--jobs 3] [--work DIR] [--mode cli|servers|both]
// The mirroring target of issue 5: a collection of IMAGES images totalling TOTAL MiB, mirrored between two local
// servers, against the single-stream pull throughput of the same images from the same server in the same run.
// Prints one JSON line:
//   {"images", "bytes", "pull_mib_s", "pull_seconds",                  single-stream pulls (curl, one at a time)
//    "pull_to_disk_mib_s",                                             the same into files, each fsynced (sync FILE)
//    "mirror_mib_s", "mirror_seconds", "ratio",                        `sregistry-server mirror` into an empty registry
//    "servers_mirror_mib_s", "servers_seconds", "servers_ratio",       server -> this process -> server (Mirror)
//    "jobs", "target": 0.8}
// Set-up (untimed): the images are generated and pushed through the CLI into the source's data folder, the source
// server started, and every image pulled once so that both measures read from a warm page cache. The pull is
// curl -o /dev/null (the client the bench suite times); the mirror is timed by wall clock, process start
// included, and must end with every image copied.
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "remote/Mirror.h"
#include "remote/RemoteEndpoint.h"
#include "remote/RemoteRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>

using namespace sreg;
using namespace sreg::test;

namespace {

constexpr const char* Collection = "mirrored";

int fail(const QString& message)
{
    std::fprintf(stderr, "bench-remote-mirror: %s\n", qPrintable(message));
    return 1;
}

double mibPerSecond(qint64 bytes, double seconds)
{
    return seconds > 0 ? double(bytes) / (1024.0 * 1024.0) / seconds : 0;
}

// curl's own time for one GET into output (/dev/null, or a file); -1 on failure.
double curlPull(const QString& url, const QString& token, const QString& output = QStringLiteral("/dev/null"))
{
    QProcess curl;
    curl.start(QStringLiteral("curl"), { QStringLiteral("-sS"), QStringLiteral("-f"), QStringLiteral("-o"), output,
                                          QStringLiteral("-w"), QStringLiteral("%{time_total}"), QStringLiteral("-H"),
                                          QStringLiteral("Authorization: Bearer ") + token, url });
    if (!curl.waitForFinished(600000) || curl.exitCode() != 0)
        return -1;
    return curl.readAllStandardOutput().trimmed().toDouble();
}

// Wall-clock time of a pull into a file made durable (what a mirror's target must do), the file then removed.
double curlPullToDisk(const QString& url, const QString& token, const QString& file)
{
    QElapsedTimer clock;
    clock.start();
    if (curlPull(url, token, file) < 0)
        return -1;
    QProcess sync;
    sync.start(QStringLiteral("sync"), { file });
    if (!sync.waitForFinished(600000) || sync.exitCode() != 0)
        return -1;
    const double seconds = clock.elapsed() / 1000.0;
    QFile::remove(file);
    return seconds;
}

QString writeTokenFile(const QString& path, const QString& token)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toUtf8());
    return path;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("images"), QStringLiteral("Images in the collection."), QStringLiteral("N"),
                       QStringLiteral("20") });
    parser.addOption({ QStringLiteral("total-mib"), QStringLiteral("Their total size."), QStringLiteral("MIB"),
                       QStringLiteral("2048") });
    parser.addOption({ QStringLiteral("jobs"), QStringLiteral("Images the mirror copies at once."), QStringLiteral("N"),
                       QStringLiteral("3") });
    parser.addOption({ QStringLiteral("work"), QStringLiteral("Folder for registries and payloads."),
                       QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("mode"), QStringLiteral("cli, servers or both."), QStringLiteral("MODE"),
                       QStringLiteral("both") });
    parser.process(app);
    const int images = parser.value(QStringLiteral("images")).toInt();
    const qint64 total = parser.value(QStringLiteral("total-mib")).toLongLong() << 20;
    const int jobs = parser.value(QStringLiteral("jobs")).toInt();
    const QString mode = parser.value(QStringLiteral("mode"));
    if (images < 1 || total < images * (1 << 20) || jobs < 1 || jobs > 16)
        return fail(QStringLiteral("--images, --total-mib (at least 1 MiB per image) and --jobs (1..16) are wrong"));

    QTemporaryDir work(parser.isSet(QStringLiteral("work")) ? parser.value(QStringLiteral("work")) + QStringLiteral("/mirror-XXXXXX")
                                                           : QString());
    if (!work.isValid())
        return fail(QStringLiteral("cannot create the work folder"));

    // Set-up: the source registry with IMAGES images under mirrored/imgN:v1.
    ServerProcess source(work.filePath(QStringLiteral("source")));
    const QString token = source.addUserWithToken(QStringLiteral("bench"), QStringLiteral("admin"), true);
    if (token.isEmpty())
        return fail(QStringLiteral("cannot create the source's user"));
    qint64 bytes = 0;
    for (int i = 0; i < images; ++i) {
        const QString payload = work.filePath(QStringLiteral("payload.sif"));
        if (Status made = makeSif(payload, total / images, 500 + quint64(i)); !made)
            return fail(made.error().message());
        bytes += QFile(payload).size();
        const ServerProcess::CliResult pushed
            = source.cli({ QStringLiteral("push"), payload, QStringLiteral("%1/img%2:v1").arg(Collection).arg(i) });
        QFile::remove(payload);
        if (pushed.exitCode != 0)
            return fail(QStringLiteral("push failed: ") + QString::fromUtf8(pushed.err));
    }
    if (!source.start())
        return fail(source.lastError());
    const QString tokenFile = writeTokenFile(work.filePath(QStringLiteral("token")), token);

    // Single-stream pulls, one image after the other; the first pass only warms the cache.
    double pullSeconds = 0;
    for (int pass = 0; pass < 2; ++pass) {
        pullSeconds = 0;
        for (int i = 0; i < images; ++i) {
            const double seconds = curlPull(
                QStringLiteral("%1/v1/imagefile/bench/%2/img%3:v1").arg(source.baseUrl(), QLatin1String(Collection)).arg(i),
                token);
            if (seconds < 0)
                return fail(QStringLiteral("curl could not pull image %1").arg(i));
            pullSeconds += seconds;
        }
    }
    const double pull = mibPerSecond(bytes, pullSeconds);
    double diskSeconds = 0;
    for (int i = 0; i < images; ++i) {
        const double seconds = curlPullToDisk(
            QStringLiteral("%1/v1/imagefile/bench/%2/img%3:v1").arg(source.baseUrl(), QLatin1String(Collection)).arg(i),
            token, work.filePath(QStringLiteral("pulled.sif")));
        if (seconds < 0)
            return fail(QStringLiteral("curl could not pull image %1 to disk").arg(i));
        diskSeconds += seconds;
    }

    QJsonObject result { { QStringLiteral("images"), images },
                         { QStringLiteral("bytes"), double(bytes) },
                         { QStringLiteral("pull_mib_s"), pull },
                         { QStringLiteral("pull_seconds"), pullSeconds },
                         { QStringLiteral("pull_to_disk_mib_s"), mibPerSecond(bytes, diskSeconds) },
                         { QStringLiteral("jobs"), jobs },
                         { QStringLiteral("target"), 0.8 } };

    if (mode == u"cli" || mode == u"both") {
        QProcess mirror;
        QElapsedTimer clock;
        clock.start();
        mirror.start(ServerProcess::executable(),
                     { QStringLiteral("--data"), work.filePath(QStringLiteral("dest")), QStringLiteral("mirror"),
                       source.baseUrl(), QLatin1String(Collection), QStringLiteral("--token-file"), tokenFile,
                       QStringLiteral("--jobs"), QString::number(jobs) });
        if (!mirror.waitForFinished(3600000) || mirror.exitCode() != 0)
            return fail(QStringLiteral("mirror failed: ") + QString::fromUtf8(mirror.readAllStandardError()));
        const double seconds = clock.elapsed() / 1000.0;
        const QByteArray out = mirror.readAllStandardOutput();
        if (!out.contains(QStringLiteral("%1 images copied").arg(images).toUtf8()))
            return fail(QStringLiteral("the mirror did not copy every image: ") + QString::fromUtf8(out));
        result.insert(QStringLiteral("mirror_seconds"), seconds);
        result.insert(QStringLiteral("mirror_mib_s"), mibPerSecond(bytes, seconds));
        result.insert(QStringLiteral("ratio"), pull > 0 ? mibPerSecond(bytes, seconds) / pull : 0);
    }

    if (mode == u"servers" || mode == u"both") {
        ServerProcess target(work.filePath(QStringLiteral("target")));
        const QString targetToken = target.addUserWithToken(QStringLiteral("bench"), QStringLiteral("admin"), true);
        if (targetToken.isEmpty() || !target.start())
            return fail(QStringLiteral("cannot start the target server: ") + target.lastError());
        remote::RemoteConnection from;
        from.baseUrl = QUrl(source.baseUrl());
        from.token = token;
        remote::RemoteConnection to;
        to.baseUrl = QUrl(target.baseUrl());
        to.token = targetToken;
        QElapsedTimer clock;
        clock.start();
        Result<std::shared_ptr<remote::RemoteRegistry>> a = remote::RemoteRegistry::connect(from);
        Result<std::shared_ptr<remote::RemoteRegistry>> b = remote::RemoteRegistry::connect(to);
        if (!a || !b)
            return fail((a ? b.error() : a.error()).message());
        remote::RemoteEndpoint sourceEndpoint(*a);
        remote::RemoteEndpoint targetEndpoint(*b);
        remote::Mirror mirror(sourceEndpoint, targetEndpoint, { QLatin1String(Collection), false, jobs });
        Result<remote::MirrorPlan> plan = mirror.plan();
        if (!plan)
            return fail(plan.error().message());
        Result<remote::MirrorReport> report = mirror.run(*plan);
        if (!report || !report->ok() || report->imagesCopied != images)
            return fail(report ? report->toText() : report.error().message());
        const double seconds = clock.elapsed() / 1000.0;
        result.insert(QStringLiteral("servers_seconds"), seconds);
        result.insert(QStringLiteral("servers_mirror_mib_s"), mibPerSecond(bytes, seconds));
        result.insert(QStringLiteral("servers_ratio"), pull > 0 ? mibPerSecond(bytes, seconds) / pull : 0);
        target.stop();
    }
    source.stop();
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
