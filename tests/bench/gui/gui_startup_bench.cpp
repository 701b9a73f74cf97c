// gui-startup-bench: time from launching sregistry-desktop to its first painted window and to a populated tag
// table, on registries of 1 000 and 100 000 images.
//
//   gui-startup-bench                     builds (once) and measures registries of --sizes images (default
//                                         1000,100000) in --work-dir: one collection "bench" holding them all,
//                                         100 tags per container, the collection the window opens on
//   gui-startup-bench --data DIR          measures an existing registry (the window opens its first collection)
//
// Each measurement starts the real program (--benchmark: it prints "first-paint MS" and "table-populated MS"
// and quits), once to warm the page cache, then --runs times; the median is reported. Times are taken by this
// program when the lines arrive, so they include process start-up, dynamic linking and QApplication. The last
// line of output is one JSON object (first_window_ms, populated_table_ms, and for two sizes the ratios).
#include "TinySif.h"
#include "registry/CollectionService.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace sreg;

namespace {

constexpr quint64 SeedBase = 2'000'000'000; // far from every other generator's seeds
constexpr int TagsPerContainer = 100;

struct Timing
{
    double firstWindowMs = -1;
    double populatedTableMs = -1;
    int rows = 0;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

// One image pushed from memory through a push session: the engine's real path (hashing, SIF parsing, blob,
// rows) without a temporary file.
bool pushOne(Registry& registry, qint64 index, QString& error)
{
    const QByteArray bytes = bench::TinySif::build(SeedBase + quint64(index));
    PushRequest request;
    request.collection = QStringLiteral("bench");
    request.container = QStringLiteral("c%1").arg(index / TagsPerContainer, 5, 10, QChar(u'0'));
    request.tags = { QStringLiteral("v%1").arg(index % TagsPerContainer, 2, 10, QChar(u'0')) };
    request.expectedSize = bytes.size();
    Result<std::unique_ptr<PushSession>> session = registry.images().beginPush(Actor::local(), request);
    if (!session) {
        error = session.error().message();
        return false;
    }
    if (Status written = (*session)->write(bytes.constData(), bytes.size()); !written) {
        error = written.error().message();
        return false;
    }
    Result<ImageRecord> image = (*session)->finish();
    if (!image) {
        error = image.error().message();
        return false;
    }
    return true;
}

bool generate(const QString& dir, qint64 images)
{
    const QString marker = QDir(dir).filePath(QStringLiteral("gui-bench.complete"));
    if (QFile::exists(marker))
        return true;
    QElapsedTimer timer;
    timer.start();
    RegistryOptions options;
    options.dataDir = dir;
    Result<std::shared_ptr<Registry>> registry = Registry::open(options);
    if (!registry) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(dir), qPrintable(registry.error().message()));
        return false;
    }
    // An interrupted generation resumes where it stopped (images are numbered, so the same ones come again).
    qint64 existing = 0;
    if (Result<CollectionRecord> bench = (*registry)->collections().get(Actor::local(), QStringLiteral("bench")))
        existing = std::max<qint64>(0, bench->imageCount - 2);
    std::printf("generating %lld images in %s (from %lld) ...\n", static_cast<long long>(images), qPrintable(dir),
        static_cast<long long>(existing));
    std::fflush(stdout);
    // Two small neighbours, so the tree is not a single row.
    (void)(*registry)->collections().create(Actor::local(), QStringLiteral("alpha"));
    (void)(*registry)->collections().create(Actor::local(), QStringLiteral("zeta"));
    std::atomic<qint64> next { existing };
    std::atomic<bool> failed { false };
    std::vector<std::thread> workers;
    // Two pushes overlap: one hashes and stores while the other holds the write lock for its transaction.
    for (int t = 0; t < 2; ++t) {
        workers.emplace_back([&] {
            QString error;
            for (qint64 i = next++; i < images && !failed; i = next++) {
                if (i % 10000 == 0 && i > 0) {
                    std::printf("  %lld images, %.0f s\n", static_cast<long long>(i), double(timer.elapsed()) / 1000.0);
                    std::fflush(stdout);
                }
                if (!pushOne(**registry, i, error)) {
                    std::fprintf(stderr, "push %lld failed: %s\n", static_cast<long long>(i), qPrintable(error));
                    failed = true;
                }
            }
        });
    }
    for (std::thread& worker : workers)
        worker.join();
    if (failed)
        return false;
    QFile done(marker);
    done.open(QIODevice::WriteOnly);
    std::printf("generated in %.1f s\n", double(timer.elapsed()) / 1000.0);
    return true;
}

Timing runOnce(const QString& desktop, const QString& dataDir, const QString& lastCollection)
{
    QTemporaryDir settingsDir;
    const QString settings = settingsDir.filePath(QStringLiteral("settings.ini"));
    if (!lastCollection.isEmpty()) {
        QFile ini(settings);
        ini.open(QIODevice::WriteOnly);
        ini.write(QStringLiteral("[MainWindow]\nlastCollection=local/%1\n").arg(lastCollection).toUtf8());
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")) && !env.contains(QStringLiteral("DISPLAY")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    Timing timing;
    QElapsedTimer clock;
    clock.start();
    process.start(
        desktop,
        { QStringLiteral("--data"), dataDir, QStringLiteral("--settings"), settings, QStringLiteral("--benchmark") });
    QByteArray pending;
    while (process.state() != QProcess::NotRunning || process.bytesAvailable() > 0) {
        if (clock.elapsed() > 120000) {
            process.kill();
            break;
        }
        process.waitForReadyRead(50);
        pending += process.readAllStandardOutput();
        const double now = double(clock.nsecsElapsed()) / 1e6;
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(newline).trimmed();
            pending.remove(0, newline + 1);
            if (line.startsWith("first-paint"))
                timing.firstWindowMs = now;
            else if (line.startsWith("table-populated"))
                timing.populatedTableMs = now;
            else if (line.startsWith("rows "))
                timing.rows = line.mid(5).toInt();
        }
        if (process.state() == QProcess::NotRunning && process.bytesAvailable() == 0)
            break;
    }
    process.waitForFinished(5000);
    return timing;
}

QJsonObject measure(const QString& desktop, const QString& dataDir, const QString& lastCollection, int runs)
{
    runOnce(desktop, dataDir, lastCollection); // warms the page cache and the font cache
    std::vector<double> window;
    std::vector<double> table;
    int rows = 0;
    for (int run = 0; run < runs; ++run) {
        const Timing t = runOnce(desktop, dataDir, lastCollection);
        if (t.firstWindowMs >= 0)
            window.push_back(t.firstWindowMs);
        if (t.populatedTableMs >= 0)
            table.push_back(t.populatedTableMs);
        rows = t.rows;
        std::printf("  run %d: first window %.0f ms, populated table %.0f ms (%d rows loaded)\n", run + 1,
                    t.firstWindowMs, t.populatedTableMs, t.rows);
        std::fflush(stdout);
    }
    return QJsonObject { { QStringLiteral("first_window_ms"), median(window) },
                         { QStringLiteral("populated_table_ms"), median(table) },
                         { QStringLiteral("rows_loaded"), rows },
                         { QStringLiteral("runs"), runs } };
}

qint64 countImages(const QString& dir)
{
    RegistryOptions options;
    options.dataDir = dir;
    Result<std::shared_ptr<Registry>> registry = Registry::open(options);
    if (!registry)
        return -1;
    qint64 images = 0;
    CollectionQuery query;
    query.limit = 100000;
    if (Result<QList<CollectionRecord>> collections = (*registry)->collections().list(Actor::local(), query))
        for (const CollectionRecord& c : *collections)
            images += c.imageCount;
    return images;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Start-up time of sregistry-desktop at 1 000 and 100 000 images"));
    parser.addHelpOption();
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Measure this registry only."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption sizesOption(QStringLiteral("sizes"),
                                         QStringLiteral("Registry sizes (default 1000,100000)."), QStringLiteral("N,M"),
                                         QStringLiteral("1000,100000"));
    const QCommandLineOption workOption(
        QStringLiteral("work-dir"),
        QStringLiteral("Where generated registries are kept (default: the temporary folder)."), QStringLiteral("DIR"),
        QDir::temp().filePath(QStringLiteral("sreg-gui-bench")));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Timed runs per size (default 5)."),
                                        QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption desktopOption(
        QStringLiteral("desktop"), QStringLiteral("The program (default: next to this one)."), QStringLiteral("PATH"),
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("sregistry-desktop")));
    parser.addOptions({ dataOption, sizesOption, workOption, runsOption, desktopOption });
    parser.process(app);
    const QString desktop = parser.value(desktopOption);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    if (!QFile::exists(desktop)) {
        std::fprintf(stderr, "gui-startup-bench: %s not found (build sregistry-desktop)\n", qPrintable(desktop));
        return 1;
    }

    if (parser.isSet(dataOption)) {
        const QString dir = parser.value(dataOption);
        const qint64 images = countImages(dir);
        std::printf("%s: %lld images\n", qPrintable(dir), static_cast<long long>(images));
        QJsonObject result = measure(desktop, dir, {}, runs);
        result.insert(QStringLiteral("images"), images);
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return result.value(QStringLiteral("populated_table_ms")).toDouble() < 0 ? 1 : 0;
    }

    QJsonObject all;
    QList<qint64> sizes;
    for (const QString& size : parser.value(sizesOption).split(u',', Qt::SkipEmptyParts))
        sizes.append(size.toLongLong());
    QList<QJsonObject> results;
    for (qint64 size : std::as_const(sizes)) {
        const QString dir = QDir(parser.value(workOption)).filePath(QStringLiteral("images-%1").arg(size));
        if (!generate(dir, size))
            return 1;
        std::printf("%lld images:\n", static_cast<long long>(size));
        QJsonObject result = measure(desktop, dir, QStringLiteral("bench"), runs);
        std::printf("  median: first window %.0f ms, populated table %.0f ms\n",
                    result.value(QStringLiteral("first_window_ms")).toDouble(),
                    result.value(QStringLiteral("populated_table_ms")).toDouble());
        all.insert(QString::number(size), result);
        results.append(result);
    }
    QJsonObject summary { { QStringLiteral("bench"), QStringLiteral("gui-startup") },
                          { QStringLiteral("sizes"), all } };
    if (results.size() >= 2) {
        const QJsonObject& small = results.first();
        const QJsonObject& large = results.last();
        const double windowRatio = large.value(QStringLiteral("first_window_ms")).toDouble()
            / small.value(QStringLiteral("first_window_ms")).toDouble();
        const double tableRatio = large.value(QStringLiteral("populated_table_ms")).toDouble()
            / small.value(QStringLiteral("populated_table_ms")).toDouble();
        // Flat fields first, so that a reader taking the first "window"/"table" number gets the large registry's.
        summary.insert(QStringLiteral("first_window_ms"), large.value(QStringLiteral("first_window_ms")));
        summary.insert(QStringLiteral("populated_table_ms"), large.value(QStringLiteral("populated_table_ms")));
        summary.insert(QStringLiteral("ratio_first_window"), windowRatio);
        summary.insert(QStringLiteral("ratio_populated_table"), tableRatio);
        std::printf("ratio %lld/%lld images: first window %.2fx, populated table %.2fx (target < 2x)\n",
                    static_cast<long long>(sizes.last()), static_cast<long long>(sizes.first()), windowRatio,
                    tableRatio);
    }
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
