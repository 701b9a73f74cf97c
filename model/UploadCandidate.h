#pragma once

#include <QMap>
#include <QString>

namespace sreg {

// One file dropped for upload, after inspection: either a SIF the registry would take, with the container
// and tag proposed for it, or a refusal with the reason (decided before any byte is sent).
struct UploadCandidate
{
    QString path;
    qint64 size = 0;
    bool accepted = false;
    QString refusal; // why not, when !accepted
    QString arch;
    QMap<QString, QString> labels;
    QString container; // proposed, editable
    QString tag; // proposed, editable
};

} // namespace sreg
