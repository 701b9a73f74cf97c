#include "cli/CliApplication.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

// sregistry-server: the registry without a display. Everything happens in the engine's CLI commands.
int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sregistry-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SREG_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    sreg::CliApplication cli;
    return cli.run(QCoreApplication::arguments(), out, err);
}
