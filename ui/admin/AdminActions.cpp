#include "AdminActions.h"

#include "AdministrationWindow.h"
#include "CollectionDeletion.h"
#include "CollectionSettingsDialog.h"
#include "NewCollectionDialog.h"
#include "RegistrySource.h"

#include <QHash>
#include <QPointer>

namespace sreg::AdminActions {

namespace {

// One administration window per registry: asking again raises it on the requested page.
QHash<RegistrySource*, QPointer<AdministrationWindow>>& windows()
{
    static QHash<RegistrySource*, QPointer<AdministrationWindow>> open;
    return open;
}

} // namespace

void openAdministration(QWidget* parent, RegistrySource* source, TaskManager* tasks, const QString& page)
{
    if (!source)
        return;
    QPointer<AdministrationWindow>& window = windows()[source];
    if (!window) {
        window = new AdministrationWindow(source, tasks, parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(source, &QObject::destroyed, window, &QWidget::close);
    }
    window->showPage(page);
    window->show();
    window->raise();
    window->activateWindow();
}

void openCollectionSettings(QWidget* parent, RegistrySource* source, const QString& collection)
{
    if (!source || collection.isEmpty())
        return;
    auto* dialog = new CollectionSettingsDialog(source, collection, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void newCollection(QWidget* parent, RegistrySource* source, std::function<void(const QString&)> created)
{
    if (!source)
        return;
    QPointer<RegistrySource> guarded(source);
    auto* dialog = new NewCollectionDialog(
        [guarded](const QString& name, const QString& description, bool isPrivate, auto done) {
            if (!guarded)
                return done(NewCollectionDialog::tr("The registry is gone"));
            guarded->createCollection(name, description, isPrivate, guarded,
                                      [done, name](Result<CollectionRecord> record) {
                                          done(record ? QString()
                                                      : NewCollectionDialog::tr("Could not create collection %1: %2")
                                                            .arg(name, record.error().message()));
                                      });
        },
        parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QDialog::accepted, dialog, [dialog, created] {
        if (created)
            created(dialog->createdName());
    });
    dialog->open();
}

void deleteCollection(QWidget* parent, RegistrySource* source, const QString& collection)
{
    if (!source || collection.isEmpty())
        return;
    QPointer<RegistrySource> guarded(source);
    CollectionDeletion::open(parent, source, collection, [guarded, collection](auto done) {
        if (!guarded)
            return done(CollectionDeletion::tr("The registry is gone"));
        guarded->deleteCollection(collection, guarded, [done, collection](Result<bool> removed) {
            done(removed ? QString()
                         : CollectionDeletion::tr("Could not delete collection %1: %2")
                               .arg(collection, removed.error().message()));
        });
    });
}

} // namespace sreg::AdminActions
