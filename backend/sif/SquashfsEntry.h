#pragma once

#include <QString>

namespace sreg::sif {

// One file system entry of a squashfs image, as the GUI's Files tab lists it.
struct SquashfsEntry final
{
    enum class Type
    {
        File,
        Directory,
        Symlink,
        Other, // device, fifo, socket
    };
    QString name; // lenient UTF-8; may hold characters that are unsafe in a local path: never use it as one
    QString path; // absolute path inside the image, e.g. "/.singularity.d/labels.json"
    Type type = Type::Other;
    quint32 mode = 0; // st_mode: type bits and permissions
    qint64 size = 0; // files: bytes; symlinks: target length; others: 0
    qint64 mtime = 0; // Unix seconds
    quint32 uid = 0;
    quint32 gid = 0;
    QString symlinkTarget;

    QString typeName() const
    {
        switch (type) {
        case Type::File:
            return QStringLiteral("file");
        case Type::Directory:
            return QStringLiteral("dir");
        case Type::Symlink:
            return QStringLiteral("symlink");
        case Type::Other:
            break;
        }
        return QStringLiteral("other");
    }
};

} // namespace sreg::sif
