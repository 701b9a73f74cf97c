#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace sreg {

class Registry;

// Exit statuses of sregistry-server: the contract scripts rely on.
enum ExitCode
{
    ExitOk = 0,
    ExitFailed = 1, // the operation failed (message on stderr)
    ExitUsage = 2, // the command line was wrong
};

// What every command gets: the data folder, the output streams, and the registry (opened on demand, since
// `--help` must not create a data folder).
struct CliContext
{
    QString dataDir;
    QTextStream& out;
    QTextStream& err;
    std::function<Result<std::shared_ptr<Registry>>()> openRegistry;

    // Prints "sregistry-server: <message>" on stderr and returns ExitFailed.
    int fail(const Error& error) const;
    int usage(const QString& message) const; // prints and returns ExitUsage
};

// One subcommand of sregistry-server ("push", "collection", "serve", ...). Commands parse their own arguments
// with QCommandLineParser and print one clear line on failure.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString synopsis() const = 0; // one usage line, e.g. "push FILE REF [--private]"
    // args starts with the command name.
    virtual int run(CliContext& context, const QStringList& args) = 0;
};

} // namespace sreg
