// bench-registry-generator --data DIR --images N [--from K]: fills the registry in DIR with images K..N-1, each a
// tiny unique SIF (TinySif), laid out by GeneratedNames (100 images per collection). It goes through the engine library
// directly: the same push path the CLI and the server use (SIF parsed, blob stored, rows recorded), without HTTP.
// Extending a copy of a smaller registry (--from) builds the 10 000 and 100 000 registries from the one before.
// Prints one JSON line: {"images": N, "added": N-K, "seconds": S}.
#include "GeneratedNames.h"
#include "TinySif.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace sreg;

namespace {

// Seeds far from the ones the throughput measures use, so no generated image shares a digest with them.
constexpr quint64 SeedBase = 1'000'000'000;

// Streams the image from memory through a push session: no temporary file to write and delete for every image
// (on a disk mounted with discard each unlink waits for the device).
bool pushOne(Registry& registry, qint64 index, QString& error)
{
    const QByteArray bytes = bench::TinySif::build(SeedBase + quint64(index));
    const bench::GeneratedRef ref = bench::GeneratedNames::ref(index);
    PushRequest request;
    request.collection = ref.collection;
    request.container = ref.container;
    request.tags = { ref.tag };
    request.arch = QStringLiteral("amd64");
    request.expectedSize = bytes.size();
    Result<std::unique_ptr<PushSession>> session = registry.images().beginPush(Actor::local(), request);
    Status written = session ? (*session)->write(bytes.constData(), bytes.size()) : Status(session.error());
    Result<ImageRecord> pushed = written ? (*session)->finish() : Result<ImageRecord>(written.error());
    if (!pushed) {
        error = QStringLiteral("%1/%2:%3: %4").arg(ref.collection, ref.container, ref.tag, pushed.error().message());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fills a registry with N tiny unique images"));
    parser.addHelpOption();
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Registry folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption imagesOption(QStringLiteral("images"), QStringLiteral("Images wanted in total."),
                                          QStringLiteral("N"));
    const QCommandLineOption fromOption(QStringLiteral("from"),
                                        QStringLiteral("Images the registry already holds (default 0)."),
                                        QStringLiteral("K"), QStringLiteral("0"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("Pushes at once (default 2)."),
                                           QStringLiteral("T"), QStringLiteral("2"));
    parser.addOptions({ dataOption, imagesOption, fromOption, threadsOption });
    parser.process(app);
    const qint64 total = parser.value(imagesOption).toLongLong();
    const qint64 from = parser.value(fromOption).toLongLong();
    const int threads = std::max(1, parser.value(threadsOption).toInt());
    if (!parser.isSet(dataOption) || total <= 0 || from < 0 || from > total)
        parser.showHelp(2);

    Result<std::shared_ptr<Registry>> registry = Registry::open({ .dataDir = parser.value(dataOption) });
    if (!registry) {
        std::fprintf(stderr, "bench-registry-generator: %s\n", qPrintable(registry.error().message()));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    std::atomic<qint64> next { from };
    std::atomic<bool> failed { false };
    QString firstError;
    std::mutex errorMutex;
    std::vector<std::thread> workers;
    // Pushes overlap: while one holds the database's write lock for its short transaction, the other builds,
    // hashes and stores its SIF.
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            QString error;
            for (qint64 i = next++; i < total && !failed; i = next++) {
                if (!pushOne(**registry, i, error)) {
                    failed = true;
                    std::lock_guard lock(errorMutex);
                    firstError = error;
                }
            }
        });
    }
    for (std::thread& worker : workers)
        worker.join();
    if (failed) {
        std::fprintf(stderr, "bench-registry-generator: %s\n", qPrintable(firstError));
        return 1;
    }
    const QJsonObject summary { { QStringLiteral("images"), total },
                                { QStringLiteral("added"), total - from },
                                { QStringLiteral("seconds"), double(timer.nsecsElapsed()) / 1e9 } };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
