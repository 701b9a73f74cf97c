#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sreg::remote {

// What a mirror run did.
struct MirrorReport
{
    int imagesCopied = 0; // images whose bytes travelled
    int imagesReused = 0; // images the target already held (tags set, no bytes sent)
    qint64 bytesSent = 0;
    int tagsSet = 0;
    int frozen = 0;
    int deleted = 0;
    int keptFrozen = 0;
    bool collectionCreated = false;
    QStringList failures; // one line each; the run goes on past them
    qint64 elapsedMs = 0;

    bool ok() const { return failures.isEmpty(); }
    QJsonObject toJson() const;
    QString toText() const;
};

} // namespace sreg::remote
