#include "CliArguments.h"

namespace sreg {

CliArguments::CliArguments(const QString& synopsis)
    : m_synopsis(synopsis)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

bool CliArguments::parse(CliContext& context, const QStringList& args, int minPositional, int maxPositional)
{
    if (!m_parser.parse(args)) {
        m_status = context.usage(m_parser.errorText() + QStringLiteral("\nusage: sregistry-server ") + m_synopsis);
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        context.out << "usage: sregistry-server " << m_synopsis << "\n\n" << m_parser.helpText().section(u'\n', 2);
        context.out.flush();
        m_status = ExitOk;
        return false;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < minPositional || (maxPositional >= 0 && count > maxPositional)) {
        m_status = context.usage(QStringLiteral("usage: sregistry-server ") + m_synopsis);
        return false;
    }
    return true;
}

} // namespace sreg
