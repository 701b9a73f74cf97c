#pragma once

#include "metadata/Records.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTemporaryDir>
#include <QUrl>

namespace sreg {

class RegistrySource;
class Task;

// Drags images out to a file manager as .sif files. X11 drag and drop hands over URLs, read by the target at
// drop time, and Qt offers no delayed-file protocol (XDND direct save), so the bytes must already be in a file
// when the drop happens: when a drag starts, each image is exported by a download Task into a private
// temporary folder (<container>_<tag>.sif, written to a temporary name and renamed once verified). A drop that
// comes before an export finished gets no URL for it — the file manager then refuses the drop rather than copy
// half a file — and the status bar says to drop again once the task is done. Exports are kept for the
// session, so a second drag of the same image is immediate; the folder goes when the application quits.
class DragExporter final : public QObject
{
    Q_OBJECT

public:
    explicit DragExporter(QObject* parent = nullptr);
    ~DragExporter() override;
    Q_DISABLE_COPY_MOVE(DragExporter)

    // Starts (or reuses) the exports of tags.
    void prepare(RegistrySource* source, const QList<TagRecord>& tags);
    // The files of tags whose export is complete; pending() tells whether any is still running.
    QList<QUrl> readyUrls(const QList<TagRecord>& tags) const;
    bool pending(const QList<TagRecord>& tags) const;
    QString folder() const;

Q_SIGNALS:
    void message(const QString& text);

private:
    QString fileNameOf(const TagRecord& tag) const;

    QTemporaryDir m_dir;
    QHash<QString, QPointer<Task>> m_exports; // file name -> its export task (gone once the dock clears it)
    QSet<QString> m_ready; // file names exported completely
};

} // namespace sreg
