#pragma once

#include "common/ByteSource.h"

#include <sqfs/io.h>

namespace sreg::sif {

// libsquashfs reads through an sqfs_file_t; this one reads from a ByteSource (usually the partition's
// SifObjectSource), so the image is never mounted, extracted or opened by path, and every read stays inside
// the partition. The sqfs_file_t must be the first member: libsquashfs hands the callbacks that pointer back.
class SquashfsSourceFile final
{
public:
    explicit SquashfsSourceFile(ByteSource* source);
    SquashfsSourceFile(const SquashfsSourceFile&) = delete;
    SquashfsSourceFile& operator=(const SquashfsSourceFile&) = delete;

    sqfs_file_t* file() { return &m_file; }

private:
    static int readAt(sqfs_file_t* file, sqfs_u64 offset, void* buffer, size_t size);
    static int writeAt(sqfs_file_t* file, sqfs_u64 offset, const void* buffer, size_t size);
    static sqfs_u64 getSize(const sqfs_file_t* file);
    static int truncate(sqfs_file_t* file, sqfs_u64 size);
    static void destroy(sqfs_object_t* object);

    sqfs_file_t m_file {};
    ByteSource* m_source = nullptr;
};

} // namespace sreg::sif
