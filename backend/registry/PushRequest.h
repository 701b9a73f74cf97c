#pragma once

#include "common/Digest.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace sreg {

// Where a push goes and what the pusher announced about it.
struct PushRequest
{
    QString collection;
    QString container;
    QStringList tags; // may be empty (the library API tags in a separate call)
    QString arch; // when the SIF does not say (arch "unknown"); the SIF's own arch always wins
    QString description;
    std::optional<Digest> expectedDigest; // refuse the bytes unless they hash to this
    qint64 expectedSize = -1; // refuse the bytes unless there are exactly this many; also checked against quotas
    bool createCollection = true; // create a missing collection (the CLI and the sregistry client do)
    std::optional<bool> isPrivate; // privacy of a collection created by this push
    qint64 imageId = 0; // library API: fill this announced image instead of creating one
};

} // namespace sreg
