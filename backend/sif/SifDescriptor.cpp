#include "SifImage.h"
#include "SifLayout.h"

namespace sreg::sif {

// A raw link with all four flag bits set names a group; anything else non-zero names an object (§4).
std::optional<quint32> SifDescriptor::linkedObject() const
{
    if (linkRaw == 0 || (linkRaw & layout::GroupFlag) == layout::GroupFlag)
        return std::nullopt;
    return linkRaw;
}

std::optional<quint32> SifDescriptor::linkedGroup() const
{
    if ((linkRaw & layout::GroupFlag) != layout::GroupFlag)
        return std::nullopt;
    return linkRaw & layout::GroupMask;
}

bool SifDescriptor::isPrimaryPartition() const
{
    return rawType == layout::TypePartition && partitionTypeCode == layout::PartPrimSys;
}

} // namespace sreg::sif
