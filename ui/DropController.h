#pragma once

#include "Task.h"
#include "UploadCandidate.h"
#include "metadata/Records.h"

#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace sreg {

class RegistrySource;
class RegistryTreeModel;

// What drops mean. Files: inspected on a worker thread (every file is opened as a SIF before any byte is
// sent), then one dialog proposes container:tag for all of them, then each accepted file becomes an upload
// task. Dropped on a registry rather than a collection, they first ask for a collection. Tags from the table:
// copied (or moved) into the target collection as transfer tasks.
class DropController final : public QObject
{
    Q_OBJECT

public:
    DropController(RegistryTreeModel* registries, QWidget* window);
    ~DropController() override;
    Q_DISABLE_COPY_MOVE(DropController)

    // collection empty: ask which one first.
    void dropFiles(RegistrySource* source, const QString& collection, const QStringList& paths);
    void dropTags(RegistrySource* target, const QString& collection, const QString& sourceId,
                  const QList<TagRecord>& tags, bool move);
    // Added for remote registries (ui/remote installs it): what a drop of tags from another registry does.
    using CrossRegistryDrop = std::function<void(RegistrySource* origin, RegistrySource* target,
                                                 const QString& collection, const QList<TagRecord>& tags, bool move)>;
    void setCrossRegistryDrop(CrossRegistryDrop handler) { m_crossRegistryDrop = std::move(handler); }

Q_SIGNALS:
    void message(const QString& text);
    void uploadsStarted(const QList<sreg::Task*>& tasks);
    // The files were inspected; candidates tells what the dialog offers (tests and the status bar use it).
    void inspected(const QList<sreg::UploadCandidate>& candidates);

private:
    void askCollectionThenDrop(RegistrySource* source, const QStringList& paths);
    void inspectThenAsk(RegistrySource* source, const QString& collection, const QStringList& paths);
    void offer(RegistrySource* source, const QString& collection, const QList<UploadCandidate>& candidates);
    void upload(RegistrySource* source, const QString& collection, const QList<UploadCandidate>& uploads);
    RegistrySource* sourceById(const QString& id) const;

    RegistryTreeModel* m_registries;
    QPointer<QWidget> m_window;
    CrossRegistryDrop m_crossRegistryDrop;
};

} // namespace sreg
