#include "AppSettings.h"
#include "LocalSource.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "SingleInstance.h"
#include "StartupProbe.h"
#include "TaskManager.h"
#include "Theme.h"
#include "registry/Registry.h"
#include "remote/RemoteRegistriesUi.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QtConcurrent>

using namespace sreg;

// sregistry-desktop: the embedded registry in a window. The window shows at once; the registry opens on a
// worker thread (migrations and recovery are disk work) and appears in the tree when ready.
int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sregistry-desktop"));
    QApplication::setOrganizationName(QStringLiteral("sregistry"));
    QApplication::setApplicationVersion(QStringLiteral(SREG_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.sregistry.Desktop"));

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("sregistry-desktop"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Singularity Registry"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "A registry for Singularity/Apptainer images."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        { QStringLiteral("data"), QApplication::translate("main", "Registry data folder."), QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("settings"),
                       QApplication::translate("main", "Settings file (default: the user's)."),
                       QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("new-instance"), QApplication::translate("main", "Do not hand over to a running window.") });
    QCommandLineOption benchmark(QStringLiteral("benchmark"));
    benchmark.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshot(QStringLiteral("screenshot"), {}, QStringLiteral("FILE"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(benchmark);
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", ".sif files to upload."),
                                 QStringLiteral("[files...]"));
    parser.process(app);

    QStringList files;
    for (const QString& file : parser.positionalArguments())
        files.append(QFileInfo(file).absoluteFilePath());
    const QString dataDir
        = QDir(parser.isSet(QStringLiteral("data")) ? parser.value(QStringLiteral("data")) : Registry::defaultDataDir())
              .absolutePath();
    const bool probing = parser.isSet(benchmark) || parser.isSet(screenshot);

    SingleInstance instance(dataDir);
    if (!probing && !parser.isSet(QStringLiteral("new-instance")) && !instance.claim()) {
        if (instance.forward(files))
            return 0;
        // The lock is held but nobody answers (starting up, or hung): run anyway rather than do nothing.
    }

    if (parser.isSet(QStringLiteral("settings")))
        AppSettings::setInstance(new AppSettings(parser.value(QStringLiteral("settings"))));
    Theme::apply(Theme::fromString(AppSettings::instance()->value(AppSettings::Key::Theme).toString()));

    // Declared in this order so that they go in reverse: the window before the source it shows, the source
    // before the task manager its tasks run on.
    TaskManager tasks;
    std::unique_ptr<LocalSource> local;
    MainWindow window(&tasks);
    // Remote registries: the Remote menu, and the saved connections shown in the tree (they connect lazily).
    RemoteRegistriesUi remotes(&window, &tasks, nullptr,
                               parser.isSet(QStringLiteral("settings")) ? parser.value(QStringLiteral("settings"))
                                                                        : QString());
    if (!probing)
        remotes.restore();
    std::unique_ptr<StartupProbe> probe;
    if (probing)
        probe = std::make_unique<StartupProbe>(&window, sinceStart, parser.isSet(benchmark), parser.value(screenshot));
    QObject::connect(&instance, &SingleInstance::activated, &window, [&window](const QStringList& forwarded) {
        window.show();
        window.raise();
        window.activateWindow();
        window.uploadFiles(forwarded);
    });
    window.show();

    QFutureWatcher<Result<std::shared_ptr<Registry>>> opening;
    QObject::connect(&opening, &QFutureWatcherBase::finished, &window, [&] {
        Result<std::shared_ptr<Registry>> registry = opening.result();
        if (!registry) {
            MessageBox::warning(&window, QApplication::translate("main", "Cannot open the registry"),
                                QApplication::translate("main", "The registry in %1 cannot be opened: %2")
                                    .arg(dataDir, registry.error().message()));
            QApplication::exit(1);
            return;
        }
        local = std::make_unique<LocalSource>(*registry, &tasks);
        window.addSource(local.get());
        window.uploadFiles(files);
    });
    opening.setFuture(QtConcurrent::run([dataDir] {
        RegistryOptions options;
        options.dataDir = dataDir;
        return Registry::open(options);
    }));

    return QApplication::exec();
}
