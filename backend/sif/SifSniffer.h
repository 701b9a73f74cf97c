#pragma once

#include <QByteArray>
#include <QString>

namespace sreg::sif {

// Says what a file that is not a SIF looks like instead, so that users read "a squashfs image (Singularity
// 2.x .simg)" rather than "corrupt SIF" (reference/sif-format.md §7, "Not SIF at all").
class SifSniffer final
{
public:
    // How many leading bytes describe() wants to see.
    static constexpr qint64 PrefixSize = 4096;

    // prefix: the first bytes of the file (up to PrefixSize); size: the whole file's size.
    // Returns a complete message such as "a squashfs image (Singularity 2.x .simg), not a SIF".
    static QString describe(const QByteArray& prefix, qint64 size);
};

} // namespace sreg::sif
