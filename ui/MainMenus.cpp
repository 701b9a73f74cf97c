#include "MainMenus.h"

#include "AppSettings.h"
#include "DetailPane.h"
#include "DropController.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "RegistrySource.h"
#include "SearchDock.h"
#include "TagActions.h"
#include "TasksDock.h"
#include "Theme.h"
#include "admin/AdminActions.h"

#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QPointer>

namespace sreg {

void MainMenus::build(MainWindow* window, TaskManager* tasks)
{
    QMenuBar* bar = window->menuBar();
    TagActions* tagActions = window->tagActions();

    QMenu* file = bar->addMenu(MainWindow::tr("&File"));
    QAction* upload = file->addAction(QIcon(QStringLiteral(":/icons/upload.svg")), MainWindow::tr("&Upload Files…"));
    upload->setShortcut(QKeySequence::Open);
    QObject::connect(upload, &QAction::triggered, window, [window] { chooseFilesToUpload(window); });
    file->addAction(tagActions->saveAs());
    file->addSeparator();
    QAction* quit = file->addAction(MainWindow::tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    QObject::connect(quit, &QAction::triggered, window, &QWidget::close);

    QMenu* edit = bar->addMenu(MainWindow::tr("&Edit"));
    tagActions->addTo(edit);
    edit->addSeparator();
    QAction* find = edit->addAction(QIcon(QStringLiteral(":/icons/search.svg")), MainWindow::tr("&Find…"));
    find->setShortcut(QKeySequence::Find);
    QObject::connect(find, &QAction::triggered, window, &MainWindow::focusSearch);

    buildViewMenu(window, bar->addMenu(MainWindow::tr("&View")));

    QMenu* registry = bar->addMenu(MainWindow::tr("&Registry"));
    // Rebuilt each time it opens: what it offers depends on the selected registry and collection.
    QObject::connect(registry, &QMenu::aboutToShow, window, [window, registry, tasks] {
        registry->clear();
        fillRegistryMenu(window, registry, tasks);
    });
    fillRegistryMenu(window, registry, tasks);

    QMenu* help = bar->addMenu(MainWindow::tr("&Help"));
    QAction* about = help->addAction(MainWindow::tr("&About Singularity Registry"));
    about->setMenuRole(QAction::AboutRole);
    QObject::connect(about, &QAction::triggered, window, [window] {
        MessageBox::information(
            window, MainWindow::tr("About Singularity Registry"),
            MainWindow::tr("Singularity Registry %1\nA registry for Singularity/Apptainer images you simply start.\n"
                           "Registry data: %2")
                .arg(QStringLiteral(SREG_VERSION),
                     window->currentSource() ? window->currentSource()->location() : QString()));
    });
}

void MainMenus::buildViewMenu(MainWindow* window, QMenu* view)
{
    QAction* refresh = view->addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), MainWindow::tr("&Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    QObject::connect(refresh, &QAction::triggered, window, &MainWindow::refresh);
    view->addSeparator();
    QAction* details = view->addAction(MainWindow::tr("Image &Details"));
    details->setCheckable(true);
    details->setChecked(AppSettings::instance()->value(AppSettings::Key::ShowDetailPane).toBool());
    QObject::connect(details, &QAction::toggled, window->detailPane(), &QWidget::setVisible);
    view->addAction(window->tasksDock()->toggleViewAction());
    view->addAction(window->searchDock()->toggleViewAction());
    view->addSeparator();
    QMenu* theme = view->addMenu(MainWindow::tr("&Theme"));
    auto* group = new QActionGroup(theme);
    const Theme::Mode current = Theme::fromString(AppSettings::instance()->value(AppSettings::Key::Theme).toString());
    const std::pair<Theme::Mode, QString> modes[] = {
        { Theme::Mode::System, MainWindow::tr("&System") },
        { Theme::Mode::Light, MainWindow::tr("&Light") },
        { Theme::Mode::Dark, MainWindow::tr("&Dark") },
    };
    for (const auto& [mode, text] : modes) {
        QAction* action = theme->addAction(text);
        action->setCheckable(true);
        action->setChecked(mode == current);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, window, [mode = mode] {
            Theme::apply(mode);
            AppSettings::instance()->setValue(AppSettings::Key::Theme, Theme::toString(mode));
        });
    }
}

void MainMenus::fillRegistryMenu(MainWindow* window, QMenu* menu, TaskManager* tasks)
{
    RegistrySource* source = window->currentSource();
    const QString collection = window->currentCollection();
    const bool canEdit = source && source->supports(RegistrySource::Feature::EditCollections);
    QPointer<RegistrySource> guard(source);

    QAction* create
        = menu->addAction(QIcon(QStringLiteral(":/icons/collection-new.svg")), MainWindow::tr("&New Collection…"));
    create->setEnabled(canEdit);
    QObject::connect(create, &QAction::triggered, window, [window, guard] {
        if (!guard)
            return;
        QPointer<MainWindow> w(window);
        AdminActions::newCollection(window, guard, [w, guard](const QString& name) {
            if (w && guard && !name.isEmpty())
                w->showCollection(guard, name);
        });
    });
    QAction* settings = menu->addAction(MainWindow::tr("Collection &Settings…"));
    settings->setEnabled(canEdit && !collection.isEmpty());
    QObject::connect(settings, &QAction::triggered, window, [window, guard, collection] {
        if (guard)
            AdminActions::openCollectionSettings(window, guard, collection);
    });
    QAction* remove
        = menu->addAction(QIcon(QStringLiteral(":/icons/delete.svg")), MainWindow::tr("&Delete Collection…"));
    remove->setEnabled(canEdit && !collection.isEmpty());
    QObject::connect(remove, &QAction::triggered, window, [window, guard, collection] {
        if (guard)
            AdminActions::deleteCollection(window, guard, collection);
    });
    menu->addSeparator();
    const std::pair<QString, QString> pages[] = {
        { MainWindow::tr("&Administration…"), QString() },
        { MainWindow::tr("Storage and &Garbage Collection…"), QStringLiteral("storage") },
        { MainWindow::tr("Ser&ve This Registry…"), QStringLiteral("serve") },
    };
    for (const auto& [text, page] : pages) {
        QAction* action = menu->addAction(text);
        action->setEnabled(source != nullptr && (page != u"serve" || source->supports(RegistrySource::Feature::Serve)));
        QObject::connect(action, &QAction::triggered, window, [window, guard, tasks, page = page] {
            if (guard)
                AdminActions::openAdministration(window, guard, tasks, page);
        });
    }
    menu->addSeparator();
    QAction* refresh = menu->addAction(QIcon(QStringLiteral(":/icons/refresh.svg")), MainWindow::tr("&Refresh"));
    QObject::connect(refresh, &QAction::triggered, window, &MainWindow::refresh);
}

void MainMenus::chooseFilesToUpload(MainWindow* window)
{
    AppSettings* settings = AppSettings::instance();
    QString folder = settings->value(AppSettings::Key::LastUploadFolder).toString();
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QStringList files = QFileDialog::getOpenFileNames(window, MainWindow::tr("Upload images"), folder,
                                                            MainWindow::tr("SIF images (*.sif);;All files (*)"));
    if (files.isEmpty())
        return;
    settings->setValue(AppSettings::Key::LastUploadFolder, QFileInfo(files.constFirst()).absolutePath());
    window->drops()->dropFiles(window->currentSource(), window->currentCollection(), files);
}

} // namespace sreg
