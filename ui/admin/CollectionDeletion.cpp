#include "CollectionDeletion.h"

#include "RegistrySource.h"
#include "admin/AdminFormat.h"

#include <QListWidget>
#include <QPointer>
#include <memory>

namespace sreg {

namespace {

// Both answers are needed before the dialog can say what goes; whichever comes last fills it in.
struct Pending
{
    std::optional<CollectionRecord> collection;
    std::optional<QList<ContainerRecord>> containers;
    QString error;
};

void fill(ConfirmDeleteDialog* dialog, const Pending& pending)
{
    if (!pending.error.isEmpty())
        return dialog->setItemsUnavailable(pending.error);
    if (!pending.collection || !pending.containers)
        return;
    QStringList items;
    for (const ContainerRecord& container : *pending.containers)
        items << CollectionDeletion::tr("%1 (%n image(s))", nullptr, int(container.imageCount)).arg(container.name);
    const CollectionRecord& record = *pending.collection;
    QString summary;
    if (record.imageCount == 0 && pending.containers->isEmpty())
        summary = CollectionDeletion::tr("The collection is empty.");
    else
        summary = CollectionDeletion::tr("%n container(s) with %1 image(s), %2, will be deleted. The bytes are freed "
                                         "by the next garbage collection unless other collections hold the same "
                                         "images.",
                                         nullptr, int(pending.containers->size()))
                      .arg(record.imageCount)
                      .arg(AdminFormat::bytes(record.totalBytes));
    dialog->setItems(items, summary);
}

} // namespace

ConfirmDeleteDialog* CollectionDeletion::open(QWidget* parent, RegistrySource* source, const QString& collection,
                                              ConfirmDeleteDialog::Submit remove)
{
    auto* dialog
        = new ConfirmDeleteDialog(tr("Delete Collection"),
                                  tr("Delete the collection <b>%1</b> with everything in it? This cannot be undone.")
                                      .arg(collection.toHtmlEscaped()),
                                  std::move(remove), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setActionText(tr("Delete Collection"));
    dialog->setConfirmationText(collection);

    auto pending = std::make_shared<Pending>();
    CollectionQuery query;
    query.filter = collection;
    source->collections(query, dialog, [dialog, pending, collection](Result<QList<CollectionRecord>> found) {
        if (!found) {
            pending->error = tr("Could not count the contents: %1").arg(found.error().message());
        } else {
            for (const CollectionRecord& record : found.value()) {
                if (record.name == collection)
                    pending->collection = record;
            }
            if (!pending->collection)
                pending->error = tr("Collection %1 no longer exists").arg(collection);
        }
        fill(dialog, *pending);
    });
    source->containers(collection, dialog, [dialog, pending](Result<QList<ContainerRecord>> containers) {
        if (!containers)
            pending->error = tr("Could not count the contents: %1").arg(containers.error().message());
        else
            pending->containers = containers.value();
        fill(dialog, *pending);
    });
    dialog->open();
    return dialog;
}

} // namespace sreg
