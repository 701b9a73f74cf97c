#pragma once

// CONTRACT between the SIF reader and the rest of the engine. The reader's implementation may add to this
// surface; what is declared here is what the registry, the CLI and the GUI rely on.

#include "common/ByteSource.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUuid>
#include <memory>
#include <optional>

namespace sreg::sif {

struct SifHeader
{
    QByteArray launchScriptRaw;
    QString launchScript;
    QString version; // "01"
    QByteArray archRaw; // 3 bytes as stored
    QString arch; // "amd64", ..., "unknown"
    QUuid id;
    bool idIsNil = true;
    qint64 createdAt = 0; // Unix seconds
    qint64 modifiedAt = 0;
    bool createdUnset = false; // Go's zero time (-62135596800) was stored
    bool modifiedUnset = false;
    qint64 descriptorsFree = 0;
    qint64 descriptorsTotal = 0;
    qint64 descriptorsOffset = 0;
    qint64 descriptorsSize = 0;
    qint64 dataOffset = 0;
    qint64 dataSize = 0;
    // Additions to the contract:
    QByteArray raw; // the 128 header bytes as stored
    QByteArray versionRaw; // 3 bytes as stored
    qint64 fileSize = 0; // size of the whole source
};

struct SifProblem
{
    enum class Severity
    {
        Warning, // odd but known to happen in valid images (e.g. siftool's setprim arch bug); the image is accepted
        Error, // the image is damaged; it may be inspected but the registry refuses to store it
    };
    Severity severity = Severity::Error;
    quint32 objectId = 0; // 0 for image-level problems
    QString message; // one line, names what is wrong and where
    int slot = -1; // addition: the descriptor slot of the object concerned, -1 for image-level problems
};

struct SifDescriptor
{
    int slot = 0; // index in the descriptor table
    quint32 id = 0;
    qint32 rawType = 0;
    QString typeName; // "Def.FILE", "FS", ..., "Unknown (0x40ff)"
    quint32 groupRaw = 0;
    quint32 linkRaw = 0;
    quint32 group() const { return groupRaw & 0x0fffffffu; } // 0 = no group
    std::optional<quint32> linkedObject() const;
    std::optional<quint32> linkedGroup() const;
    qint64 offset = 0;
    qint64 size = 0;
    qint64 sizeWithPadding = 0;
    qint64 createdAt = 0;
    qint64 modifiedAt = 0;
    qint64 uid = 0;
    qint64 gid = 0;
    QByteArray nameRaw;
    QString name; // lenient UTF-8
    QByteArray extraRaw; // 384 bytes
    // Decoded extras, by type (empty strings when not applicable):
    QString fsType; // partitions: "Squashfs", "Ext3", "Archive", "Raw", "Encrypted squashfs", "Unknown (n)"
    QString partitionType; // "System", "PrimSys", "Data", "Overlay"
    QString partitionArch; // "amd64", ..., "unknown"
    QString hashType; // signatures: "SHA-256", ...
    QString fingerprint; // signatures: 40 upper-case hex digits, empty if none
    QString cryptoFormat, cryptoMessageType; // crypto messages
    QString sbomFormat;
    QString ociDigest; // OCI.RootIndex / OCI.Blob: "sha256:<hex>" from the extra field
    bool readable = true; // false when flagged (out of range, negative size, ...): never read it
    // Additions to the contract:
    QByteArray raw; // the 585 bytes of the slot (the integrity digests are computed over them)
    quint8 usedRaw = 0; // the "used" byte as stored (1 in every valid image)
    bool nameIsUtf8 = true;
    QString typeText; // what `siftool list` prints as TYPE, e.g. "FS (Squashfs/*System/amd64)"
    qint32 fsTypeCode = 0, partitionTypeCode = 0; // partitions
    QByteArray partitionArchRaw; // partitions: 3 bytes as stored
    qint32 hashTypeCode = 0; // signatures
    qint32 cryptoFormatCode = 0, cryptoMessageTypeCode = 0; // crypto messages
    qint32 sbomFormatCode = 0; // SBOMs
    bool isPrimaryPartition() const;
    qint64 end() const { return offset + size; } // only meaningful when readable
};

// The human-facing metadata Singularity/Apptainer keep in a SIF (reference/sif-format.md §6).
struct SingularityMetadata
{
    QString deffile;
    QMap<QString, QString> labels;
    QString labelsSource; // "inspect-metadata.json", "json-labels-object", "squashfs", or empty
    QMap<QString, QString> environment; // path -> script text
    QString runscript;
    QString startscript;
    QString test;
    QString help;
    QJsonObject ociConfig; // oci-config.json when present
    // Additions to the contract:
    QString deffileSource; // "def-file-object", "inspect-metadata.json", "squashfs", or empty
    QString scriptsSource; // where environment/runscript/... came from: "inspect-metadata.json", "squashfs", or empty
    QMap<QString, QJsonObject> apps; // inspect-metadata.json "apps", app name -> attributes, as stored
};

struct SifSignature
{
    quint32 objectId = 0;
    enum class Kind
    {
        PgpClearsign,
        Dsse,
        LegacySifHash,
        Unknown
    } kind
        = Kind::Unknown;
    QString kindName; // "PGP", "DSSE", "legacy SIFHASH", "unknown"
    QString hashType;
    QString fingerprint; // empty when the entity is all zero
    QString target; // "group 1" / "object 3"
    QList<quint32> coveredObjects;
    bool metadataParsed = false;
    bool digestsMatch = false; // integrity digests of header, descriptors and objects match the signed metadata
    QStringList mismatches; // what does not match
    // Additions to the contract:
    QList<quint32> uncoveredObjects; // objects of the signed group that the signed metadata does not list
    QString signedDigest; // legacy SIFHASH: the hex digest the signature carries
    bool cryptographicallyVerified = false; // always false: no OpenPGP/DSSE key verification is done here
};

class SifImage final
{
public:
    // Reads and validates header and descriptor table. Fails only when the bytes cannot be read as a SIF at
    // all: NotSif (bad magic; the message says what the bytes look like instead, e.g. "a squashfs image
    // (Singularity 2.x), not a SIF") or BrokenSif (truncated header, unsupported version, descriptor table out
    // of range, ...). Per-object damage is reported through problems(), not as a failure.
    static Result<SifImage> open(std::shared_ptr<ByteSource> source);

    const SifHeader& header() const;
    const QList<SifDescriptor>& objects() const; // used slots, in table order
    const SifDescriptor* object(quint32 id) const; // first with that id, or nullptr
    const SifDescriptor* primaryPartition() const;
    QString primaryArch() const; // header arch, or the primary partition's when the header says unknown

    const QList<SifProblem>& problems() const;
    bool hasErrors() const; // any Error-severity problem: the registry refuses such an image
    QString firstErrorMessage() const;

    // Object bytes, bounded: fails (TooLarge) rather than allocate more than cap bytes.
    Result<QByteArray> readObject(quint32 id, qint64 cap = 16 * 1024 * 1024) const;
    // A bounded view of one object (for squashfs partitions), or nullptr when the object is unreadable.
    std::shared_ptr<ByteSource> objectSource(quint32 id) const;

    // Reads deffile, labels, environment and scripts from the small objects (and from the squashfs root fs
    // when inspect-metadata.json is absent). Never reads more than a few MiB.
    SingularityMetadata metadata() const;
    QList<SifSignature> signatures() const;

    // Everything above as JSON: what `sregistry-server inspect --json` prints and what the registry stores.
    QJsonObject toJson() const;

    // Additions to the contract:
    const std::shared_ptr<ByteSource>& source() const;
    QList<const SifDescriptor*> objectsOfGroup(quint32 group) const; // in ID order
    // Whether the bytes look like a SIF at all (magic at offset 32), without parsing: cheap pre-check for uploads.
    static bool looksLikeSif(const QByteArray& firstBytes);

    SifImage(SifImage&&) noexcept;
    SifImage& operator=(SifImage&&) noexcept;
    ~SifImage();

private:
    struct Data;
    explicit SifImage(std::unique_ptr<Data> data);
    std::unique_ptr<Data> d;
};

} // namespace sreg::sif
