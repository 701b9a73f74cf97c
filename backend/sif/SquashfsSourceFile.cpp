#include "SquashfsSourceFile.h"

#include <cstddef>
#include <sqfs/error.h>
#include <type_traits>

namespace sreg::sif {

static_assert(std::is_standard_layout_v<SquashfsSourceFile>);

SquashfsSourceFile::SquashfsSourceFile(ByteSource* source) : m_source(source)
{
    m_file.base.destroy = &SquashfsSourceFile::destroy;
    m_file.base.copy = nullptr; // libsquashfs only copies files when asked to; we never ask
    m_file.read_at = &SquashfsSourceFile::readAt;
    m_file.write_at = &SquashfsSourceFile::writeAt;
    m_file.get_size = &SquashfsSourceFile::getSize;
    m_file.truncate = &SquashfsSourceFile::truncate;
}

int SquashfsSourceFile::readAt(sqfs_file_t* file, sqfs_u64 offset, void* buffer, size_t size)
{
    auto* self = reinterpret_cast<SquashfsSourceFile*>(file);
    const qint64 total = self->m_source->size();
    // Offsets come from the image itself, so anything outside the partition is corruption, not an I/O error.
    if (offset > sqfs_u64(total) || size > sqfs_u64(total) - offset)
        return SQFS_ERROR_OUT_OF_BOUNDS;
    auto* out = static_cast<char*>(buffer);
    size_t done = 0;
    while (done < size) {
        Result<qint64> n = self->m_source->readAt(qint64(offset + done), out + done, qint64(size - done));
        if (!n || *n <= 0)
            return SQFS_ERROR_IO;
        done += size_t(*n);
    }
    return 0;
}

int SquashfsSourceFile::writeAt(sqfs_file_t*, sqfs_u64, const void*, size_t)
{
    return SQFS_ERROR_UNSUPPORTED;
}

sqfs_u64 SquashfsSourceFile::getSize(const sqfs_file_t* file)
{
    const auto* self = reinterpret_cast<const SquashfsSourceFile*>(file);
    return sqfs_u64(self->m_source->size());
}

int SquashfsSourceFile::truncate(sqfs_file_t*, sqfs_u64)
{
    return SQFS_ERROR_UNSUPPORTED;
}

void SquashfsSourceFile::destroy(sqfs_object_t*)
{
    // Owned by SquashfsReader, not by libsquashfs.
}

} // namespace sreg::sif
