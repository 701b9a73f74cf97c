// bench-chart RESULTS.json OUT.png: draws the suite's results as a bar chart (Qt's offscreen platform: no
// display needed, nothing to install beyond Qt).
#include "BarChart.h"

#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: bench-chart RESULTS.json OUT.png\n");
        return 2;
    }
    QFile file(args.at(0));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench-chart: cannot read %s\n", qPrintable(args.at(0)));
        return 1;
    }
    const QJsonObject results = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject machine = results.value(QStringLiteral("machine")).toObject();
    const QString subtitle
        = QStringLiteral("%1 · %2 · %3 CPUs · %4 RAM · %5 · cache %6")
              .arg(results.value(QStringLiteral("date")).toString(), machine.value(QStringLiteral("cpu")).toString(),
                   machine.value(QStringLiteral("cpus")).toVariant().toString(),
                   machine.value(QStringLiteral("ram")).toString(), results.value(QStringLiteral("mode")).toString(),
                   results.value(QStringLiteral("cache")).toString());
    const sreg::bench::BarChart chart(QStringLiteral("Singularity Registry Desktop — benchmark suite"), subtitle,
                                      results.value(QStringLiteral("rows")).toArray());
    if (!chart.render().save(args.at(1), "PNG")) {
        std::fprintf(stderr, "bench-chart: cannot write %s\n", qPrintable(args.at(1)));
        return 1;
    }
    return 0;
}
