#include "StorageActions.h"

#include "LocalSource.h"
#include "StorageKeychain.h"
#include "StorageSettingsDialog.h"

namespace sreg::StorageActions {

void openStorageSettings(QWidget* parent, LocalSource* source, TaskManager* tasks)
{
    if (!source || !source->registry())
        return;
    auto* dialog = new StorageSettingsDialog(source->registry(), tasks ? tasks : source->taskManager(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void installKeychainSecretProvider()
{
    StorageKeychain::installSecretProvider();
}

} // namespace sreg::StorageActions
