#pragma once

#include "UploadCandidate.h"

#include <QList>
#include <QStringList>

namespace sreg {

// Decides what dropped files and folders become: reads each file's SIF header and descriptors (SifImage::open,
// a few KiB) and its labels, refuses what the registry would refuse, and proposes container:tag from the file
// name ("lolcow_latest.sif" -> lolcow:latest, as `apptainer pull` names files) and the version label. Reads
// files: call it on a worker thread.
class UploadInspector final
{
public:
    // Folders are searched (recursively, up to maxFiles) for *.sif files; files given directly are inspected
    // whatever their name, so that a refusal can say why.
    static QList<UploadCandidate> inspect(const QStringList& paths, int maxFiles = 1000);
    static UploadCandidate inspectFile(const QString& path);
    // The container and tag proposed for a file name and its labels.
    static QPair<QString, QString> propose(const QString& fileName, const QMap<QString, QString>& labels);

private:
    UploadInspector() = delete;
};

} // namespace sreg
