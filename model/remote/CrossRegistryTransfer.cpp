#include "CrossRegistryTransfer.h"

#include "RegistrySource.h"
#include "SourceEndpoints.h"
#include "Task.h"
#include "TaskManager.h"
#include "registry/RecordJson.h"
#include "remote/ImageTransfer.h"
#include "remote/TransferEndpoint.h"

#include <QCoreApplication>
#include <QPointer>

namespace sreg {

bool CrossRegistryTransfer::canTransfer(RegistrySource* source)
{
    return SourceEndpoints::handleOf(source).has_value();
}

Task* CrossRegistryTransfer::start(RegistrySource* from, const TagRecord& tag, RegistrySource* to,
                                   const PushRequest& target, bool move, TaskManager* tasks)
{
    const std::optional<SourceEndpoints::Handle> origin = SourceEndpoints::handleOf(from);
    const std::optional<SourceEndpoints::Handle> destination = SourceEndpoints::handleOf(to);
    if (!origin || !destination || !tasks)
        return nullptr;
    const QString what = QStringLiteral("%1/%2:%3").arg(tag.collection, tag.container, tag.name);
    const QString where = QStringLiteral("%1/%2:%3").arg(target.collection, target.container, target.tags.join(u','));
    const QString title = move
        ? QCoreApplication::translate("sreg::CrossRegistryTransfer", "Move %1 from %2 to %3 on %4")
              .arg(what, origin->name, where, destination->name)
        : QCoreApplication::translate("sreg::CrossRegistryTransfer", "Copy %1 from %2 to %3 on %4")
              .arg(what, origin->name, where, destination->name);
    auto* task = new Task(QStringLiteral("transfer"), title,
                          [origin = *origin, destination = *destination, tag, target, move](
                              TaskProgress& progress) -> Result<QJsonObject> {
                              Result<std::unique_ptr<remote::TransferEndpoint>> source = SourceEndpoints::open(origin);
                              if (!source)
                                  return source.error();
                              Result<std::unique_ptr<remote::TransferEndpoint>> sink
                                  = SourceEndpoints::open(destination);
                              if (!sink)
                                  return sink.error();
                              Result<remote::ReceiveOutcome> copied = remote::ImageTransfer::copy(
                                  **source, tag.image, **sink, target,
                                  [&progress](qint64 done, qint64 total) { return progress.report(done, total); });
                              if (!copied)
                                  return copied.error();
                              if (move) {
                                  if (Status removed = (*source)->removeTag(tag); !removed)
                                      return removed.error().prefixed(QStringLiteral("copied, but the original stays"));
                              }
                              QJsonObject result = RecordJson::toJson(copied->image);
                              result.insert(QStringLiteral("bytesSent"), double(copied->bytes));
                              return result;
                          });
    QPointer<RegistrySource> fromGuard(from);
    QPointer<RegistrySource> toGuard(to);
    QObject::connect(task, &Task::finished, task,
                     [fromGuard, toGuard, collection = tag.collection, targetCollection = target.collection, move](
                         bool succeeded) {
                         if (!succeeded)
                             return;
                         if (toGuard) {
                             Q_EMIT toGuard->collectionChanged(targetCollection);
                             Q_EMIT toGuard->collectionChanged(QString());
                         }
                         if (fromGuard && move)
                             Q_EMIT fromGuard->collectionChanged(collection);
                     });
    return tasks->start(task);
}

} // namespace sreg
