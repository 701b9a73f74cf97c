#include "SifIntegrity.h"

#include "SifLayout.h"

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
    const QList<const SifDescriptor*> members = image.objectsOfGroup(group);
    return members.isEmpty() ? 0 : members.first()->id;
}

} // namespace sreg::sif
