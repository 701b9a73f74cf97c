#include "DragExporter.h"

#include "RegistrySource.h"
#include "Task.h"

#include <QDir>
#include <QFileInfo>

namespace sreg {

DragExporter::DragExporter(QObject* parent)
    : QObject(parent), m_dir(QDir::temp().filePath(QStringLiteral("sregistry-drag-XXXXXX")))
{
}

DragExporter::~DragExporter() = default;

QString DragExporter::fileNameOf(const TagRecord& tag) const
{
    // Container and tag names follow the registry's naming rule ([a-z0-9._-]), so they are safe in a file name;
    // the digest prefix keeps two images with the same tag (a moved tag, two collections) apart.
    return QStringLiteral("%1/%2_%3.sif").arg(tag.image.digest.mid(7, 12), tag.container, tag.name);
}

void DragExporter::prepare(RegistrySource* source, const QList<TagRecord>& tags)
{
    if (!source || !m_dir.isValid())
        return;
    for (const TagRecord& tag : tags) {
        const QString name = fileNameOf(tag);
        QPointer<Task>& task = m_exports[name];
        if (m_ready.contains(name) || (task && !task->isFinished()))
            continue;
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        task = source->pullToFile(tag.image, path);
        if (!task)
            continue;
        connect(task, &Task::finished, this, [this, name](bool succeeded) {
            if (succeeded)
                m_ready.insert(name);
        });
    }
}

QList<QUrl> DragExporter::readyUrls(const QList<TagRecord>& tags) const
{
    QList<QUrl> urls;
    for (const TagRecord& tag : tags) {
        const QString name = fileNameOf(tag);
        if (m_ready.contains(name))
            urls.append(QUrl::fromLocalFile(m_dir.filePath(name)));
    }
    return urls;
}

bool DragExporter::pending(const QList<TagRecord>& tags) const
{
    for (const TagRecord& tag : tags) {
        const QPointer<Task> task = m_exports.value(fileNameOf(tag));
        if (task && !task->isFinished())
            return true;
    }
    return false;
}

QString DragExporter::folder() const
{
    return m_dir.path();
}

} // namespace sreg
