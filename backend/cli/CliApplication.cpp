#include "CliApplication.h"

#include "AuditCommand.h"
#include "CollectionCommand.h"
#include "CopyCommand.h"
#include "FreezeCommand.h"
#include "GcCommand.h"
#include "InspectCommand.h"
#include "LsCommand.h"
#include "MigrateStorageCommand.h"
#include "MirrorCommand.h"
#include "PullCommand.h"
#include "PushCommand.h"
#include "RemoveCommand.h"
#include "ServeCommand.h"
#include "TagCommand.h"
#include "TeamCommand.h"
#include "TokenCommand.h"
#include "UserCommand.h"
#include "VerifyCommand.h"
#include "registry/Registry.h"
#include "storage/BlobStoreFactory.h"

namespace sreg {

CliApplication::CliApplication()
{
    m_commands.push_back(std::make_unique<PushCommand>());
    m_commands.push_back(std::make_unique<PullCommand>());
    m_commands.push_back(std::make_unique<LsCommand>());
    m_commands.push_back(std::make_unique<InspectCommand>());
    m_commands.push_back(std::make_unique<TagCommand>());
    m_commands.push_back(std::make_unique<FreezeCommand>(true));
    m_commands.push_back(std::make_unique<FreezeCommand>(false));
    m_commands.push_back(std::make_unique<RemoveCommand>());
    m_commands.push_back(std::make_unique<CollectionCommand>());
    m_commands.push_back(std::make_unique<UserCommand>());
    m_commands.push_back(std::make_unique<TeamCommand>());
    m_commands.push_back(std::make_unique<TokenCommand>());
    m_commands.push_back(std::make_unique<GcCommand>());
    m_commands.push_back(std::make_unique<VerifyCommand>());
    m_commands.push_back(std::make_unique<AuditCommand>());
    m_commands.push_back(std::make_unique<MigrateStorageCommand>());
    m_commands.push_back(std::make_unique<MirrorCommand>());
    m_commands.push_back(std::make_unique<CopyCommand>());
    m_commands.push_back(std::make_unique<ServeCommand>());
}

CliApplication::~CliApplication() = default;

QString CliApplication::usageText() const
{
    QString text = QStringLiteral(
        "usage: sregistry-server [--data DIR] [--storage CONFIG] COMMAND ...\n\n"
        "The headless Singularity Registry: manage the registry in DIR (default %1,\n"
        "or $SREGISTRY_DATA_DIR) from the command line, or serve it over HTTP.\n"
        "--storage CONFIG keeps the blobs where CONFIG says instead of DIR/storage.json.\n\nCommands:\n")
                       .arg(Registry::defaultDataDir());
    for (const auto& command : m_commands)
        text += QStringLiteral("  ") + command->synopsis() + u'\n';
    text += QStringLiteral("\nExit status: 0 success, 1 the operation failed, 2 the command line was wrong.\n"
                           "COMMAND --help describes a command.\n");
    return text;
}

int CliApplication::run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    QString dataDir = qEnvironmentVariable("SREGISTRY_DATA_DIR");
    QString storageConfig; // --storage: overrides <data>/storage.json for this run
    int index = 1;
    while (index < arguments.size() && arguments[index].startsWith(u'-')) {
        const QString option = arguments[index];
        if (option == u"--help" || option == u"-h") {
            out << usageText();
            return ExitOk;
        }
        if (option == u"--version") {
            out << "sregistry-server " << SREG_VERSION << Qt::endl;
            return ExitOk;
        }
        if (option == u"--data" && index + 1 < arguments.size()) {
            dataDir = arguments[index + 1];
            index += 2;
        } else if (option.startsWith(QStringLiteral("--data="))) {
            dataDir = option.mid(7);
            index += 1;
        } else if (option == u"--storage" && index + 1 < arguments.size()) {
            storageConfig = arguments[index + 1];
            index += 2;
        } else if (option.startsWith(QStringLiteral("--storage="))) {
            storageConfig = option.mid(10);
            index += 1;
        } else {
            err << "sregistry-server: unknown option " << option << "\n" << usageText();
            return ExitUsage;
        }
    }
    if (index >= arguments.size()) {
        err << usageText();
        return ExitUsage;
    }
    const QString commandName = arguments[index];
    for (const auto& command : m_commands) {
        if (command->name() != commandName)
            continue;
        std::shared_ptr<Registry> registry;
        CliContext context { dataDir, out, err, [&]() -> Result<std::shared_ptr<Registry>> {
                                if (registry)
                                    return registry;
                                RegistryOptions options;
                                options.dataDir = dataDir;
                                if (!storageConfig.isEmpty())
                                    options.storeFactory = [storageConfig](const QString& dir) {
                                        return BlobStoreFactory::open(storageConfig, dir, StorageSecrets::Role::Current);
                                    };
                                Result<std::shared_ptr<Registry>> opened = Registry::open(options);
                                if (opened)
                                    registry = *opened;
                                return opened;
                            } };
        const int status = command->run(context, arguments.mid(index));
        out.flush();
        err.flush();
        return status;
    }
    err << "sregistry-server: unknown command '" << commandName << "'\n" << usageText();
    return ExitUsage;
}

} // namespace sreg
