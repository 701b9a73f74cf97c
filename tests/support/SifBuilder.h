#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QUuid>
#include <functional>
#include <vector>

namespace sreg::test {

// Builds valid SIF files for tests and benchmarks, laid out as sif library >= 2.0.1 writes them (data at
// 32176, partitions 4096-aligned, 48 descriptor slots). Big partitions come from a generator and are streamed
// to disk in 1 MiB chunks, so a 2 GiB image never sits in memory.
class SifBuilder final
{
public:
    // Fills length bytes of an object's data starting at offset (relative to the object).
    using Generator = std::function<void(char* buffer, qint64 offset, qint64 length)>;

    enum class PartitionType
    {
        System = 1,
        PrimSys = 2,
        Data = 3,
        Overlay = 4,
    };
    enum class FsType
    {
        Squashfs = 1,
        Ext3 = 2,
        Archive = 3,
        Raw = 4,
        EncryptedSquashfs = 5,
    };

    SifBuilder();

    void setArch(const QString& arch); // header arch, e.g. "amd64" (also set by a PrimSys partition)
    void setLaunchScript(const QByteArray& script);
    void setId(const QUuid& id); // default: a fixed UUID; QUuid() writes the nil UUID
    void setTimes(qint64 seconds); // header and descriptors; default 1700000000
    void setDataOffset(qint64 offset); // 32176 (sif >= 2.0.1) or 32768 (sif 1.x)
    void setDescriptorCapacity(int slotCount); // 48 by default

    // Any object; group 0 = no group. Returns the object's ID.
    quint32 addObject(qint32 type, const QByteArray& data, quint32 group = 1, const QByteArray& name = {},
                      const QByteArray& extra = {}, quint32 linkRaw = 0, qint64 alignment = 0);
    quint32 addGeneratedObject(qint32 type, qint64 size, Generator generator, quint32 group = 1,
                               const QByteArray& name = {}, const QByteArray& extra = {}, quint32 linkRaw = 0,
                               qint64 alignment = 0);

    quint32 addDeffile(const QString& text, quint32 group = 1);
    quint32 addJson(const QByteArray& name, const QByteArray& json, quint32 group = 1); // JSON.Generic by name
    // inspect-metadata.json in the SingularityCE/Apptainer shape.
    quint32 addInspectMetadata(const QMap<QString, QString>& labels, const QString& runscript = {},
                               const QString& deffile = {}, const QMap<QString, QString>& environment = {},
                               quint32 group = 1);
    quint32 addPartition(const QByteArray& bytes, const QString& arch, PartitionType type = PartitionType::PrimSys,
                         FsType fs = FsType::Squashfs, quint32 group = 1);
    quint32 addPartition(qint64 size, Generator generator, const QString& arch,
                         PartitionType type = PartitionType::PrimSys, FsType fs = FsType::Squashfs, quint32 group = 1);

    Status writeTo(const QString& path) const;
    QByteArray build() const; // the whole file in memory: for small images only
    qint64 totalSize() const;

    // Numeric arch code as stored ("02\0" for amd64), "00\0" for anything unknown.
    static QByteArray archCode(const QString& arch);
    // An uncompressed squashfs 4.0 image with these regular files and symlinks (absolute paths; parent
    // directories are implied), padded to 4096 bytes, readable by libsquashfs and the kernel.
    static QByteArray squashfs(const QMap<QString, QByteArray>& files, const QMap<QString, QString>& symlinks = {},
                               qint64 mtime = 1700000000);
    // The /.singularity.d tree a build writes, with these labels and this runscript.
    static QByteArray singularityRootfs(const QMap<QString, QString>& labels, const QString& runscript,
                                        const QString& deffile, qint64 mtime = 1700000000);
    // Deterministic pseudo-random bytes (splitmix64), seekable: the same seed and offset give the same bytes.
    static Generator pseudoRandom(quint64 seed);

private:
    struct Object
    {
        qint32 type = 0;
        quint32 id = 0;
        quint32 group = 0;
        quint32 linkRaw = 0;
        QByteArray name;
        QByteArray extra;
        qint64 size = 0;
        qint64 alignment = 0;
        qint64 padding = 0; // zero bytes before the object, from its alignment and where it lands
        Generator generator;
    };

    QByteArray headerAndDescriptors() const;
    void layOut();

    QByteArray m_launchScript;
    QByteArray m_arch = QByteArray("00\0", 3);
    QUuid m_id;
    qint64 m_time = 1700000000;
    qint64 m_dataOffset = 32176;
    int m_capacity = 48;
    std::vector<Object> m_objects;
};

// A unique valid SIF of about totalApproxSize bytes (at least a few KiB): deffile, inspect-metadata.json and a
// PrimSys squashfs partition (a real squashfs with /.singularity.d followed by pseudo-random padding). A
// different seed gives different bytes, hence a different digest.
Status makeSif(const QString& path, qint64 totalApproxSize, quint64 seed,
               const QString& arch = QStringLiteral("amd64"));

} // namespace sreg::test
