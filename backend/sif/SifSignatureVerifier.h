#pragma once

#include "EvpHasher.h"
#include "SifImage.h"

#include <QHash>

namespace sreg::sif {

// Checks what each Signature object claims about the image against the image's bytes (reference/sif-format.md
// §5): for sif-metadata signatures (PGP or DSSE) the header, descriptor and object digests, for legacy SIFHASH
// signatures the hash of the concatenated objects. This is an integrity check, which works without keys; it
// does not verify the cryptographic signature.
class SifSignatureVerifier final
{
public:
    static constexpr qint64 MaxSignatureBytes = 1024 * 1024;
    static constexpr int MaxMetadataObjects = 4096;
    // Real images carry one to three signatures; a crafted table full of them must not multiply the work.
    static constexpr int MaxSignatures = 64;

    static QList<SifSignature> verify(const SifImage& image);

private:
    explicit SifSignatureVerifier(const SifImage& image);
    SifSignature verifyOne(const SifDescriptor& signature);
    QList<const SifDescriptor*> target(const SifDescriptor& signature, SifSignature& result) const;
    void checkLegacy(const QByteArray& hexDigest, const SifDescriptor& signature,
                     const QList<const SifDescriptor*>& objects, SifSignature& result);
    void checkMetadata(const QByteArray& json, const SifDescriptor& signature,
                       const QList<const SifDescriptor*>& objects, SifSignature& result);
    std::optional<QByteArray> objectDigest(const SifDescriptor& object, EvpHasher::Algorithm algorithm, QString* error);

    const SifImage& m_image;
    // "<slot>/<algorithm>" and "<target>/<algorithm>": what several signatures cover is hashed once.
    QHash<QString, QByteArray> m_objectDigests;
    QHash<QString, QByteArray> m_concatenationDigests;
};

} // namespace sreg::sif
