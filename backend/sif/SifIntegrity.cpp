#include "SifIntegrity.h"

#include "SifLayout.h"

#include <limits>

namespace sreg::sif {

QByteArray SifIntegrity::headerBytes(const SifHeader& header)
{
    QByteArray bytes = header.raw.left(layout::ArchOffset);
    bytes += header.raw.mid(layout::IdOffset, layout::IdSize);
    bytes.resize(HeaderBytes, '\0'); // only short if the header itself was, which the parser refuses
    return bytes;
}

QByteArray SifIntegrity::descriptorBytes(const SifDescriptor& d, quint32 relativeId)
{
    QByteArray raw = d.raw;
    raw.resize(layout::DescriptorSize, '\0');
    QByteArray bytes;
    bytes.reserve(DescriptorBytes);
    bytes += raw.left(layout::DIdOffset); // datatype, used
    char relative[4];
    layout::writeLittleEndian<quint32>(relative, relativeId);
    bytes += QByteArray(relative, 4);
    bytes += raw.mid(layout::DLinkOffset, 4);
    bytes += raw.mid(layout::DSizeOffset, 8);
    bytes += raw.mid(layout::DCreatedAtOffset, 8);
    bytes += raw.mid(layout::DUidOffset); // uid, gid, name, extra
    return bytes;
}

quint32 SifIntegrity::minimumId(const SifImage& image, quint32 group)
{
    quint32 minimum = std::numeric_limits<quint32>::max();
    bool any = false;
    for (const SifDescriptor& d : image.objects()) {
        if (d.group() != group)
            continue;
        minimum = std::min(minimum, d.id);
        any = true;
    }
    return any ? minimum : 0;
}

} // namespace sreg::sif
