#include "registry/CollectionService.h"
#include "registry/Registry.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMainWindow>
#include <QMessageBox>
#include <QTreeWidget>

// Until the full desktop UI lands: a window listing the collections of the local registry.
int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sregistry-desktop"));
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Singularity Registry"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("data"), QApplication::translate("main", "Registry data folder."),
        QStringLiteral("DIR") });
    parser.process(app);

    sreg::RegistryOptions options;
    options.dataDir = parser.value(QStringLiteral("data"));
    auto registry = sreg::Registry::open(options);
    if (!registry) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the registry"),
            registry.error().message());
        return 1;
    }
    QMainWindow window;
    auto* tree = new QTreeWidget(&window);
    tree->setHeaderLabels({ QApplication::translate("main", "Collection"), QApplication::translate("main", "Images") });
    auto collections = (*registry)->collections().list(sreg::Actor::local());
    if (collections) {
        for (const auto& collection : *collections)
            new QTreeWidgetItem(tree, { collection.name, QString::number(collection.imageCount) });
    }
    window.setCentralWidget(tree);
    window.resize(800, 500);
    window.show();
    return app.exec();
}
