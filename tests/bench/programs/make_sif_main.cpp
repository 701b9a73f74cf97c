// bench-make-sif PATH BYTES SEED [ARCH]: writes a valid SIF of about BYTES bytes, streaming (a 2 GiB image never
// sits in memory). The same seed gives the same bytes, so every peer is sent exactly the same payload.
#include "SifBuilder.h"

#include <QCoreApplication>
#include <QStringList>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    bool sizeOk = false, seedOk = false;
    const qint64 size = args.value(1).toLongLong(&sizeOk);
    const quint64 seed = args.value(2).toULongLong(&seedOk);
    if (args.size() < 3 || args.size() > 4 || !sizeOk || !seedOk || size < 0) {
        std::fprintf(stderr, "usage: bench-make-sif PATH BYTES SEED [ARCH]\n");
        return 2;
    }
    const sreg::Status made
        = sreg::test::makeSif(args.at(0), size, seed, args.size() > 3 ? args.at(3) : QStringLiteral("amd64"));
    if (!made) {
        std::fprintf(stderr, "bench-make-sif: %s\n", qPrintable(made.error().message()));
        return 1;
    }
    return 0;
}
