#pragma once

#include "SifImage.h"

namespace sreg::sif {

// Turns one 585-byte descriptor slot into a SifDescriptor: fields, lenient name and the type-specific extra
// (reference/sif-format.md §3). Decoding never fails; judging the values is SifValidator's job.
class SifDescriptorDecoder final
{
public:
    static SifDescriptor decode(int slot, const QByteArray& raw);
};

} // namespace sreg::sif
