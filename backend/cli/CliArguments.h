#pragma once

#include "CliCommand.h"

#include <QCommandLineParser>

namespace sreg {

// QCommandLineParser set up the way every subcommand wants it: no exit() on error, positional arguments
// counted, errors reported as usage errors (exit 2) through the context.
class CliArguments final
{
public:
    CliArguments(const QString& synopsis);

    QCommandLineParser& parser() { return m_parser; }
    // Parses args (args[0] is the command name). On failure prints the reason and the synopsis and returns
    // false; usageStatus() is then the exit code.
    bool parse(CliContext& context, const QStringList& args, int minPositional, int maxPositional);
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name); }
    QStringList values(const QString& name) const { return m_parser.values(name); }
    int usageStatus() const { return m_status; }

private:
    QCommandLineParser m_parser;
    QString m_synopsis;
    int m_status = ExitUsage;
};

} // namespace sreg
