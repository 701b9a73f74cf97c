// bench-storage-s3: push and pull of one image through `sregistry-server serve` on the S3 backend, side by side
// with Debian's `aws s3 cp` of the same file to and from the same S3 server, in one run.
//
//   S3_ENDPOINT=http://127.0.0.1:18080 S3_ACCESS_KEY=test:tester S3_SECRET_KEY=testing S3_REGION=us-east-1
//       build/bin/bench-storage-s3 [--size-mib 1024] [--rounds 3] [--aws /usr/bin/aws] [--work DIR]
//   (one command line)
//
// Each round runs awscli upload, server push, awscli download, server pull, alternating, so that a slow moment of
// the machine hurts both sides alike; the best round of each counts (the least disturbed). Prints the table on
// stderr and one JSON line on stdout:
//   {"bench":"storage-s3","sizeBytes":...,"awscliUploadMiBps":...,"serverPushMiBps":...,"pushRatio":...,
//    "awscliDownloadMiBps":...,"serverPullMiBps":...,"pullRatio":...,"rounds":...}
// The push is what `apptainer push` does for a file (announce, upload URL, one streamed PUT, _complete); the pull
// streams /v1/imagefile to a file, as awscli writes its download to a file.
#include "HttpClient.h"
#include "IntegrationHelpers.h"
#include "ObjectStoreEnvironment.h"
#include "ServerProcess.h"
#include "SifBuilder.h"
#include "TestSupport.h"
#include "common/RandomId.h"
#include "storage/BlobStoreFactory.h"
#include "storage/S3Client.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdio>
#include <httplib.h>
#include <optional>

using namespace sreg;
using namespace sreg::test;

namespace {

double mibPerSecond(qint64 bytes, qint64 ms)
{
    return ms > 0 ? double(bytes) / (1024.0 * 1024.0) / (double(ms) / 1000.0) : 0.0;
}

// What a run leaves on the S3 server and the machine, undone on every way out: a 1 GiB benchmark repeated on one
// server would otherwise fill its disk.
struct Leftovers
{
    ServerProcess* server = nullptr;
    std::optional<ObjectStoreEnvironment> bucket;
    QTemporaryDir* work = nullptr;

    void clear()
    {
        if (server)
            server->stop();
        server = nullptr;
        if (bucket) {
            if (Status removed = ObjectStoreEnvironment::destroy(*bucket); !removed)
                std::fprintf(stderr, "bench-storage-s3: %s\n", qPrintable(removed.error().message()));
        }
        bucket.reset();
        if (work)
            work->remove();
        work = nullptr;
    }
};
Leftovers leftovers;

void fail(const QString& message)
{
    std::fprintf(stderr, "bench-storage-s3: %s\n", qPrintable(message));
    leftovers.clear();
    std::exit(1);
}

// `aws s3 cp from to` with the S3 server's endpoint and the test credentials; returns milliseconds.
qint64 awsCopy(const QString& aws, const QString& from, const QString& to)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), qEnvironmentVariable("S3_ACCESS_KEY"));
    environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), qEnvironmentVariable("S3_SECRET_KEY"));
    environment.insert(QStringLiteral("AWS_DEFAULT_REGION"),
                       qEnvironmentVariable("S3_REGION", QStringLiteral("us-east-1")));
    process.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    process.start(aws,
                  { QStringLiteral("--endpoint-url"), qEnvironmentVariable("S3_ENDPOINT"), QStringLiteral("s3"),
                    QStringLiteral("cp"), QStringLiteral("--only-show-errors"), from, to });
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        fail(QStringLiteral("aws s3 cp %1 %2 failed: %3")
                 .arg(from, to, QString::fromUtf8(process.readAllStandardError())));
    return timer.elapsed();
}

// GET url into file, streamed; returns the bytes written.
qint64 download(const QString& baseUrl, const QString& path, const QString& file)
{
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        fail(QStringLiteral("cannot write %1").arg(file));
    httplib::Client client(baseUrl.toStdString());
    client.set_read_timeout(std::chrono::seconds(300));
    int status = 0;
    auto result = client.Get(
        path.toStdString(), httplib::Headers {},
        [&](const httplib::Response& response) {
            status = response.status;
            return true;
        },
        [&](const char* data, size_t size) { return out.write(data, qint64(size)) == qint64(size); });
    if (!result || status != 200)
        fail(QStringLiteral("GET %1 failed (HTTP %2)").arg(path).arg(status));
    return out.size();
}

bool sameFiles(const QString& a, const QString& b)
{
    QFile first(a);
    QFile second(b);
    if (!first.open(QIODevice::ReadOnly) || !second.open(QIODevice::ReadOnly) || first.size() != second.size())
        return false;
    while (!first.atEnd()) {
        if (first.read(8 << 20) != second.read(8 << 20))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("size-mib"), QStringLiteral("Image size (MiB)."), QStringLiteral("N"),
                       QStringLiteral("1024") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Rounds."), QStringLiteral("N"), QStringLiteral("3") });
    parser.addOption({ QStringLiteral("aws"), QStringLiteral("The aws program (Debian's awscli)."),
                       QStringLiteral("PATH"), QStringLiteral("/usr/bin/aws") });
    parser.addOption({ QStringLiteral("chunk-mib"), QStringLiteral("The server's chunkMiB (default: its default)."),
                       QStringLiteral("N") });
    parser.addOption({ QStringLiteral("parallelism"),
                       QStringLiteral("The server's parallelism (default: its default)."), QStringLiteral("N") });
    parser.addOption(
        { QStringLiteral("work"), QStringLiteral("Folder for the image and the downloads."), QStringLiteral("DIR") });
    parser.process(app);
    if (qEnvironmentVariable("S3_ENDPOINT").isEmpty() || qEnvironmentVariable("S3_SECRET_KEY").isEmpty())
        fail(QStringLiteral("set S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY (and S3_REGION)"));
    const QString aws = parser.value(QStringLiteral("aws"));
    if (!QFileInfo(aws).isExecutable())
        fail(QStringLiteral("%1 not found: apt-get install awscli").arg(aws));
    const qint64 size = parser.value(QStringLiteral("size-mib")).toLongLong() << 20;
    const int rounds = std::max(1, parser.value(QStringLiteral("rounds")).toInt());

    QTemporaryDir temporary(parser.isSet(QStringLiteral("work"))
                                ? parser.value(QStringLiteral("work")) + QStringLiteral("/bench-XXXXXX")
                                : QDir::tempPath() + QStringLiteral("/bench-s3-XXXXXX"));
    leftovers.work = &temporary;
    const QString image = temporary.filePath(QStringLiteral("image.sif"));
    if (!makeSif(image, size, quint64(QDateTime::currentMSecsSinceEpoch())))
        fail(QStringLiteral("cannot make the image"));
    const qint64 bytes = QFileInfo(image).size();

    // One bucket for both sides: same server, same disk.
    StorageConfig config;
    config.backend = StorageConfig::Backend::S3;
    config.endpoint = qEnvironmentVariable("S3_ENDPOINT");
    config.region = qEnvironmentVariable("S3_REGION", QStringLiteral("us-east-1"));
    config.bucket = QStringLiteral("sreg-bench-") + randomToken(8);
    config.addressing = QStringLiteral("path");
    config.accessKeyId = qEnvironmentVariable("S3_ACCESS_KEY");
    StorageSecrets secrets;
    secrets.secret = qgetenv("S3_SECRET_KEY");
    if (parser.isSet(QStringLiteral("chunk-mib")))
        config.chunkMiB = parser.value(QStringLiteral("chunk-mib")).toInt();
    if (parser.isSet(QStringLiteral("parallelism")))
        config.parallelism = parser.value(QStringLiteral("parallelism")).toInt();
    Result<std::unique_ptr<S3Client>> s3 = S3Client::create(BlobStoreFactory::s3Options(config, secrets, {}).client);
    if (!s3 || !(*s3)->createBucket())
        fail(QStringLiteral("cannot create bucket %1").arg(config.bucket));
    leftovers.bucket = ObjectStoreEnvironment { config, secrets };

    const QString dataDir = temporary.filePath(QStringLiteral("data"));
    QDir().mkpath(dataDir);
    if (!config.save(StorageConfig::pathIn(dataDir))
        || !StorageSecrets::writeFile(dataDir + QStringLiteral("/storage-secrets.json"), secrets))
        fail(QStringLiteral("cannot write the storage settings"));
    ServerProcess server(dataDir);
    leftovers.server = &server;
    const QString token = server.addUserWithToken(QStringLiteral("bench"));
    if (token.isEmpty() || !server.start())
        fail(QStringLiteral("cannot start the server: %1").arg(server.lastError()));
    const HttpClient client(server.baseUrl(), token);

    qint64 best[4] = { -1, -1, -1, -1 }; // awscli up, server push, awscli down, server pull (ms)
    const auto keep = [&](int which, qint64 ms) {
        if (best[which] < 0 || ms < best[which])
            best[which] = ms;
    };
    const QString s3Image = QStringLiteral("s3://%1/awscli-image.sif").arg(config.bucket);
    for (int round = 1; round <= rounds; ++round) {
        keep(0, awsCopy(aws, image, s3Image));

        // A fresh image each round (one more byte of seed), since the server never stores the same blob twice.
        const QString pushed = temporary.filePath(QStringLiteral("push-%1.sif").arg(round));
        if (!makeSif(pushed, size, quint64(round) * 7919 + quint64(bytes)))
            fail(QStringLiteral("cannot make the image"));
        // The client hashes its file before the push starts (as the Go library client does), outside the timing.
        const QString digest = QStringLiteral("sha256.") + sha256OfFile(pushed);
        QElapsedTimer timer;
        timer.start();
        const QString container = QStringLiteral("round%1").arg(round);
        const QString imageId = IntegrationHelpers::announce(client, QStringLiteral("bench"), container, digest);
        const qint64 announced = timer.elapsed();
        const HttpClient::Reply uploaded = IntegrationHelpers::uploadSingle(client, imageId, pushed);
        const qint64 sent = timer.elapsed();
        const HttpClient::Reply completed
            = client.putJson(QStringLiteral("/v2/imagefile/%1/_complete").arg(imageId), {});
        std::fprintf(stderr, "round %d push: announce %lld ms, upload %lld ms, _complete %lld ms\n", round, announced,
                     sent - announced, timer.elapsed() - sent);
        if (imageId.isEmpty() || uploaded.status != 200 || completed.status != 200)
            fail(QStringLiteral("push failed: HTTP %1 %2").arg(uploaded.status).arg(QString::fromUtf8(uploaded.body)));
        keep(1, timer.elapsed());
        client.postJson(
            QStringLiteral("/v1/tags/bench~") + container,
            { { QStringLiteral("Tag"), QStringLiteral("latest") }, { QStringLiteral("ImageID"), imageId } });

        const QString awsOut = temporary.filePath(QStringLiteral("aws-down.sif"));
        keep(2, awsCopy(aws, s3Image, awsOut));
        QFile::remove(awsOut);

        const QString pulled = temporary.filePath(QStringLiteral("pulled.sif"));
        timer.restart();
        download(server.baseUrl(), QStringLiteral("/v1/imagefile/bench/bench/%1:latest").arg(container), pulled);
        keep(3, timer.elapsed());
        if (!sameFiles(pulled, pushed))
            fail(QStringLiteral("the pulled image differs from the pushed one"));
        QFile::remove(pulled);
        QFile::remove(pushed);
        std::fprintf(stderr, "round %d: aws up %lld ms, push %lld ms, aws down %lld ms, pull %lld ms (best so far)\n",
                     round, best[0], best[1], best[2], best[3]);
    }
    leftovers.clear();

    const double up = mibPerSecond(bytes, best[0]);
    const double push = mibPerSecond(bytes, best[1]);
    const double down = mibPerSecond(bytes, best[2]);
    const double pull = mibPerSecond(bytes, best[3]);
    std::fprintf(stderr,
                 "\n%.0f MiB image, best of %d rounds, same S3 server (%s)\n"
                 "| direction | aws s3 cp (Debian awscli) | sregistry-server on S3 | ratio |\n"
                 "|---|---|---|---|\n"
                 "| upload / push | %.1f MiB/s (%.2f s) | %.1f MiB/s (%.2f s) | %.2fx |\n"
                 "| download / pull | %.1f MiB/s (%.2f s) | %.1f MiB/s (%.2f s) | %.2fx |\n",
                 double(bytes) / 1048576.0, rounds, qPrintable(qEnvironmentVariable("S3_ENDPOINT")), up,
                 best[0] / 1000.0, push, best[1] / 1000.0, push / up, down, best[2] / 1000.0, pull, best[3] / 1000.0,
                 pull / down);
    const QJsonObject json { { QStringLiteral("bench"), QStringLiteral("storage-s3") },
                             { QStringLiteral("sizeBytes"), bytes },
                             { QStringLiteral("rounds"), rounds },
                             { QStringLiteral("awscliUploadMiBps"), up },
                             { QStringLiteral("serverPushMiBps"), push },
                             { QStringLiteral("pushRatio"), up > 0 ? push / up : 0.0 },
                             { QStringLiteral("awscliDownloadMiBps"), down },
                             { QStringLiteral("serverPullMiBps"), pull },
                             { QStringLiteral("pullRatio"), down > 0 ? pull / down : 0.0 } };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
