#pragma once

#include "SquashfsEntry.h"
#include "SquashfsInfo.h"
#include "common/ByteSource.h"

#include <QList>
#include <memory>

namespace sreg::sif {

// Reads a squashfs image (a SIF's root file system partition, or a Singularity 2.x .simg) through libsquashfs
// from a ByteSource: nothing is mounted, extracted or run. Every value read from the image is distrusted: a
// corrupted image gives an Error, reads are capped, walks are bounded and symlinks are resolved inside the
// image only. Thread-safe (calls are serialised, since libsquashfs readers keep a cursor).
class SquashfsReader final
{
public:
    // Fails with InvalidArgument when the bytes are not squashfs (no "hsqs" magic), BrokenSif when the super
    // block is inconsistent with the data, Unavailable when the compressor is not supported.
    static Result<SquashfsReader> open(std::shared_ptr<ByteSource> source);

    SquashfsReader(SquashfsReader&&) noexcept;
    SquashfsReader& operator=(SquashfsReader&&) noexcept;
    ~SquashfsReader();

    const SquashfsInfo& info() const;

    // The entries of a directory, in the image's (sorted) order. Symlinks along the path are followed.
    Result<QList<SquashfsEntry>> list(const QString& path) const;
    // One entry; a symlink as the last component is reported, not followed.
    Result<SquashfsEntry> stat(const QString& path) const;
    // A regular file's bytes (symlinks followed), or TooLarge when the file is bigger than cap.
    Result<QByteArray> readFile(const QString& path, qint64 cap) const;
    // Every entry below path, depth first, at most maxEntries (TooLarge beyond). Directories are not entered
    // twice, so a crafted directory loop ends.
    Result<QList<SquashfsEntry>> walk(const QString& path = QStringLiteral("/"), int maxEntries = 100000) const;

    static constexpr int MaxEntriesPerDirectory = 100000;
    static constexpr int MaxSymlinkHops = 40;
    static constexpr int MaxDepth = 256;

private:
    struct Data;
    explicit SquashfsReader(std::unique_ptr<Data> data);
    std::unique_ptr<Data> d;
};

} // namespace sreg::sif
