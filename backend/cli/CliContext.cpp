#include "CliCommand.h"

namespace sreg {

int CliContext::fail(const Error& error) const
{
    err << "sregistry-server: " << error.message() << Qt::endl;
    return ExitFailed;
}

int CliContext::usage(const QString& message) const
{
    err << "sregistry-server: " << message << Qt::endl;
    return ExitUsage;
}

} // namespace sreg
