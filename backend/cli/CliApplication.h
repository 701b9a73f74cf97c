#pragma once

#include "CliCommand.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace sreg {

// sregistry-server [--data DIR] COMMAND …: finds the command, opens the registry in the data folder when the
// command asks for it, and returns the exit status (0 ok, 1 failed, 2 usage).
class CliApplication final
{
public:
    CliApplication();
    ~CliApplication();

    int run(const QStringList& arguments, QTextStream& out, QTextStream& err);

private:
    QString usageText() const;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace sreg
