#pragma once

#include "common/Result.h"

#include <QByteArray>

namespace sreg::bench {

// The smallest valid SIF that still looks like a real build: a deffile, inspect-metadata.json with labels and a
// PrimSys squashfs partition holding /.singularity.d, unique per seed. It keeps only as many descriptor slots
// as it uses, so it is about 12 KiB instead of the 36 KiB of a default layout: 100 000 of them are 1.2 GB, not
// 3.6 GB, of blobs to write when the metadata benchmark builds its registries.
class TinySif final
{
public:
    static QByteArray build(quint64 seed);
};

} // namespace sreg::bench
