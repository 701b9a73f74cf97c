#pragma once

#include "SifImage.h"

namespace sreg::sif {

// The byte strings the sif-metadata digests cover (reference/sif-format.md §5), as sylabs/sif's
// pkg/integrity defines them: what a signature protects, and, by omission, what may change without breaking
// it (times, arch, counts, offsets, group ids).
class SifIntegrity final
{
public:
    static constexpr int HeaderBytes = 61;
    static constexpr int DescriptorBytes = 557;

    // launch script, magic, version and UUID: file[0..45) ++ file[48..64).
    static QByteArray headerBytes(const SifHeader& header);
    // datatype, used, relative id, link, size, created-at, uid, gid, name and extra of one descriptor.
    static QByteArray descriptorBytes(const SifDescriptor& descriptor, quint32 relativeId);
    // The smallest ID among the used objects of group (0 = the objects in no group), or 0 if there are none.
    static quint32 minimumId(const SifImage& image, quint32 group);
};

} // namespace sreg::sif
