// bench-push-latency --mode library|distribution|ping-library|ping-distribution --url URL [--token T]
//                    [--count 200] [--size 1048576] [--seed S]
// Pushes COUNT different small images one after the other over one keep-alive connection, as a client would, and
// prints one JSON line with the latency distribution of a whole push (every request of it, first to last):
// {"mode":..., "count":..., "p50_ms":..., "p90_ms":..., "p99_ms":..., "min_ms":..., "max_ms":..., "mean_ms":...}.
// The images are made and hashed before timing starts; each push sends a new image under a new tag.
// The ping modes time COUNT bodiless GETs over the same kept-alive connection instead (GET /version, GET /v2/):
// the floor under every request of a push.
#include "ApiSession.h"
#include "DistributionPusher.h"
#include "LatencySamples.h"
#include "LibraryPusher.h"
#include "SifBuilder.h"
#include "common/Sha256.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstdio>
#include <vector>

using namespace sreg;
using namespace sreg::bench;

namespace {

struct Payload
{
    std::string bytes;
    QString sha256Hex;
};

bool makePayloads(int count, qint64 size, quint64 seed, const QString& dir, std::vector<Payload>& payloads)
{
    for (int i = 0; i < count; ++i) {
        const QString path = QStringLiteral("%1/%2.sif").arg(dir).arg(i);
        if (Status made = test::makeSif(path, size, seed + quint64(i)); !made) {
            std::fprintf(stderr, "bench-push-latency: %s\n", qPrintable(made.error().message()));
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = file.readAll();
        payloads.push_back({ bytes.toStdString(), Sha256::of(bytes).hex() });
        file.remove();
    }
    return true;
}

int ping(const QString& url, const QString& token, const QString& mode, int count, int warmup)
{
    ApiSession session(url, token);
    const std::string path = mode == u"ping-library" ? "/version" : "/v2/";
    LatencySamples samples;
    for (int i = 0; i < warmup + count; ++i) {
        QElapsedTimer timer;
        timer.start();
        const ApiSession::Reply reply = session.get(path);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (reply.status != 200) {
            std::fprintf(stderr, "bench-push-latency: GET %s: HTTP %d %s\n", path.c_str(), reply.status,
                         reply.error.c_str());
            return 1;
        }
        if (i >= warmup)
            samples.add(ms);
    }
    QJsonObject result = samples.toJson();
    result.insert(QStringLiteral("mode"), mode);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Latency of whole pushes of small images"));
    parser.addHelpOption();
    const QCommandLineOption modeOption(QStringLiteral("mode"), QStringLiteral("library or distribution."),
                                        QStringLiteral("MODE"), QStringLiteral("library"));
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:PORT"),
                                       QStringLiteral("URL"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("Bearer token (library mode)."),
                                         QStringLiteral("T"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Pushes (default 200)."),
                                         QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Image size (default 1 MiB)."),
                                        QStringLiteral("BYTES"), QStringLiteral("1048576"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("First image's seed."),
                                        QStringLiteral("S"), QStringLiteral("5000"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"), QStringLiteral("Untimed pushes first (default 3)."),
                                          QStringLiteral("N"), QStringLiteral("3"));
    parser.addOptions({ modeOption, urlOption, tokenOption, countOption, sizeOption, seedOption, warmupOption });
    parser.process(app);
    const QString mode = parser.value(modeOption);
    const int count = parser.value(countOption).toInt();
    const int warmup = std::max(0, parser.value(warmupOption).toInt());
    const QStringList modes { QStringLiteral("library"), QStringLiteral("distribution"), QStringLiteral("ping-library"),
                              QStringLiteral("ping-distribution") };
    if (!parser.isSet(urlOption) || count <= 0 || !modes.contains(mode))
        parser.showHelp(2);
    if (mode.startsWith(u"ping"))
        return ping(parser.value(urlOption), parser.value(tokenOption), mode, count, warmup);

    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/bench-push-latency-XXXXXX"));
    std::vector<Payload> payloads;
    if (!makePayloads(warmup + count, parser.value(sizeOption).toLongLong(), parser.value(seedOption).toULongLong(),
                      dir.path(), payloads))
        return 1;

    ApiSession session(parser.value(urlOption), parser.value(tokenOption));
    LibraryPusher library(session, QStringLiteral("bench"), QStringLiteral("latency"), QStringLiteral("small"));
    DistributionPusher distribution(session, QStringLiteral("latency/small"));
    LatencySamples samples;
    for (int i = 0; i < warmup + count; ++i) {
        const Payload& payload = payloads[size_t(i)];
        const QString tag = QStringLiteral("v%1").arg(i);
        QElapsedTimer timer;
        timer.start();
        const QString failed = mode == u"library"
            ? library.push(payload.bytes, payload.sha256Hex, tag, QStringLiteral("amd64"))
            : distribution.push(payload.bytes, payload.sha256Hex, tag);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!failed.isEmpty()) {
            std::fprintf(stderr, "bench-push-latency: push %d: %s\n", i, qPrintable(failed));
            return 1;
        }
        if (i >= warmup) // the first pushes also create the collection and container
            samples.add(ms);
    }
    QJsonObject result = samples.toJson();
    result.insert(QStringLiteral("mode"), mode);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
