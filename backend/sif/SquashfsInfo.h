#pragma once

#include <QString>

namespace sreg::sif {

// What a squashfs super block says about the image, for display.
struct SquashfsInfo final
{
    QString compression; // "gzip", "xz", ...
    quint32 blockSize = 0;
    quint32 inodeCount = 0;
    qint64 bytesUsed = 0;
    qint64 modificationTime = 0; // Unix seconds
};

} // namespace sreg::sif
