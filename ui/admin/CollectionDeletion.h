#pragma once

#include "ConfirmDeleteDialog.h"

#include <QCoreApplication>
#include <QString>

namespace sreg {

class RegistrySource;

// The confirmation before a collection is deleted, naming its containers with their images and the bytes
// that go; shared by the Collections page and AdminActions::deleteCollection.
class CollectionDeletion final
{
    Q_DECLARE_TR_FUNCTIONS(CollectionDeletion)

public:
    // Opens (window-modal, never exec()) a ConfirmDeleteDialog for collection; the dialog fills itself in as the
    // source answers. remove performs the deletion when the user confirms.
    static ConfirmDeleteDialog* open(QWidget* parent, RegistrySource* source, const QString& collection,
                                     ConfirmDeleteDialog::Submit remove);
};

} // namespace sreg
