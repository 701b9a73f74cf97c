// bench-metadata-queries --url URL --images N [--token T] [--samples 200] [--seed S]
// Times API calls against a registry made by bench-registry-generator with N images, each call over one
// keep-alive connection, on randomly chosen existing objects, and prints one JSON line:
//   {"images": N, "tag_lookup": {...}, "container": {...}, "paged_list": {...}, "search": {...}}
// with LatencySamples' fields in each. The calls are the ones clients make at scale:
//   tag_lookup  GET /v1/images/<entity>/<c>/<n>:<t>?arch=amd64    (apptainer pull's first call)
//   container   GET /v1/containers/<entity>/<c>/<n>                (the push's lookup; 10 tags each here)
//   paged_list  GET /api/collections/?limit=P&offset=<random page>  (sregistry's paged collection list; P=10)
//   search      GET /v1/search?value=<one collection's name>        (the same 100 images match at every scale)
// Every reply is checked (status, and that it names what was asked for), so a fast error never counts.
// With --fresh-connections each call opens its own connection: a server that lets Nagle hold back its response
// body costs a reused connection a 40 ms delayed-ACK stall per call, which would hide how its own work grows
// (bench-push-latency --mode ping shows that stall separately).
#include "ApiSession.h"
#include "GeneratedNames.h"
#include "LatencySamples.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <cstdio>
#include <functional>

using namespace sreg::bench;

namespace {

constexpr int MinimumSamples = 10;
constexpr int WarmupCalls = 150; // more than the server's default 64 worker threads

// Runs call `samples` times after a few untimed calls, or fewer (at least MinimumSamples) once maxSeconds have
// gone: a call that grows linearly would otherwise make the largest registry take minutes. False when a reply
// was wrong.
bool measure(const char* name, int samples, double maxSeconds, LatencySamples& latencies,
             const std::function<bool(QString& error)>& call)
{
    QString error;
    QElapsedTimer budget;
    budget.start();
    for (int i = 0; i < samples + 5; ++i) {
        if (int(latencies.count()) >= MinimumSamples && double(budget.elapsed()) / 1000.0 > maxSeconds)
            break;
        QElapsedTimer timer;
        timer.start();
        const bool ok = call(error);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!ok) {
            std::fprintf(stderr, "bench-metadata-queries: %s: %s\n", name, qPrintable(error));
            return false;
        }
        if (i >= 5)
            latencies.add(ms);
    }
    return true;
}

bool expect(const ApiSession::Reply& reply, bool matches, const std::string& what, QString& error)
{
    if (reply.status == 200 && matches)
        return true;
    error = QStringLiteral("%1: HTTP %2 %3 %4")
                .arg(QString::fromStdString(what))
                .arg(reply.status)
                .arg(QString::fromStdString(reply.error), QString::fromStdString(reply.body).left(200));
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Latency of metadata API calls on a generated registry"));
    parser.addHelpOption();
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:PORT"),
                                       QStringLiteral("URL"));
    const QCommandLineOption imagesOption(QStringLiteral("images"), QStringLiteral("Images the registry holds."),
                                          QStringLiteral("N"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("Bearer token."), QStringLiteral("T"));
    const QCommandLineOption samplesOption(QStringLiteral("samples"),
                                           QStringLiteral("Calls of each kind (default 200)."), QStringLiteral("N"),
                                           QStringLiteral("200"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"),
                                        QStringLiteral("7"));
    const QCommandLineOption freshOption(QStringLiteral("fresh-connections"),
                                         QStringLiteral("A new connection for every call."));
    const QCommandLineOption pageOption(QStringLiteral("page-size"),
                                        QStringLiteral("Collections per page (default 10; the same at every scale)."),
                                        QStringLiteral("P"), QStringLiteral("10"));
    const QCommandLineOption budgetOption(QStringLiteral("max-seconds"),
                                          QStringLiteral("Time limit per kind of call (default 30)."),
                                          QStringLiteral("S"), QStringLiteral("30"));
    parser.addOptions(
        { urlOption, imagesOption, tokenOption, samplesOption, seedOption, freshOption, pageOption, budgetOption });
    parser.process(app);
    const qint64 images = parser.value(imagesOption).toLongLong();
    const int samples = parser.value(samplesOption).toInt();
    const int pageSize = std::max(1, parser.value(pageOption).toInt());
    const double maxSeconds = parser.value(budgetOption).toDouble();
    if (!parser.isSet(urlOption) || images < GeneratedNames::ImagesPerCollection || samples <= 0)
        parser.showHelp(2);

    ApiSession session(parser.value(urlOption), parser.value(tokenOption), !parser.isSet(freshOption));
    QRandomGenerator random(parser.value(seedOption).toUInt());
    const std::string entity = GeneratedNames::entity().toStdString();
    const qint64 collections = GeneratedNames::collectionCount(images);
    const auto randomRef = [&] {
        return GeneratedNames::ref(qint64(random.bounded(quint64(images))));
    };

    // Untimed first: with a new connection per call every one of the server's worker threads opens its own
    // database connection on its first request, a one-off cost that would otherwise land on whichever kind of
    // call is measured first.
    for (int i = 0; i < WarmupCalls; ++i) {
        const GeneratedRef ref = randomRef();
        session.get("/v1/images/" + entity + '/' + ref.collection.toStdString() + '/' + ref.container.toStdString()
                    + ':' + ref.tag.toStdString() + "?arch=amd64");
    }
    LatencySamples tagLookup, container, pagedList, search;
    const bool ok
        = measure("tag_lookup", samples, maxSeconds, tagLookup,
                  [&](QString& error) {
                      const GeneratedRef ref = randomRef();
                      const std::string path = "/v1/images/" + entity + '/' + ref.collection.toStdString() + '/'
                          + ref.container.toStdString() + ':' + ref.tag.toStdString() + "?arch=amd64";
                      const ApiSession::Reply reply = session.get(path);
                      return expect(reply, reply.data().value(QStringLiteral("tags")).toArray().contains(ref.tag), path,
                                    error);
                  })
        && measure("container", samples, maxSeconds, container,
                   [&](QString& error) {
                       const GeneratedRef ref = randomRef();
                       const std::string path = "/v1/containers/" + entity + '/' + ref.collection.toStdString() + '/'
                           + ref.container.toStdString();
                       const ApiSession::Reply reply = session.get(path);
                       return expect(reply,
                                     reply.data().value(QStringLiteral("imageTags")).toObject().size()
                                         == GeneratedNames::TagsPerContainer,
                                     path, error);
                   })
        && measure("paged_list", samples, maxSeconds, pagedList,
                   [&](QString& error) {
                       const qint64 pages = (collections + pageSize - 1) / pageSize;
                       const qint64 offset = qint64(random.bounded(quint64(pages))) * pageSize;
                       const std::string path = "/api/collections/?limit=" + std::to_string(pageSize)
                           + "&offset=" + std::to_string(offset);
                       const ApiSession::Reply reply = session.get(path);
                       const qint64 expected = std::min<qint64>(pageSize, collections - offset);
                       return expect(reply, reply.json().value(QStringLiteral("results")).toArray().size() == expected,
                                     path, error);
                   })
        && measure("search", samples, maxSeconds, search, [&](QString& error) {
               const QString name = GeneratedNames::collection(qint64(random.bounded(quint64(collections))));
               const std::string path = "/v1/search?value=" + name.toStdString();
               const ApiSession::Reply reply = session.get(path);
               return expect(reply, !reply.data().value(QStringLiteral("image")).toArray().isEmpty(), path, error);
           });
    if (!ok)
        return 1;
    const QJsonObject result { { QStringLiteral("images"), images },
                               { QStringLiteral("tag_lookup"), tagLookup.toJson() },
                               { QStringLiteral("container"), container.toJson() },
                               { QStringLiteral("paged_list"), pagedList.toJson() },
                               { QStringLiteral("search"), search.toJson() } };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
