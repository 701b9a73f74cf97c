#pragma once

#include "SifImage.h"

namespace sreg::sif {

// Unwraps the data of a Signature object (reference/sif-format.md §5): an OpenPGP clear-signed message (whose
// text is either sif-metadata JSON or a legacy "SIFHASH:" line) or a DSSE envelope. Only the signed content is
// extracted; the cryptographic signature itself is not checked here.
struct SifSignatureEnvelope final
{
    SifSignature::Kind kind = SifSignature::Kind::Unknown;
    QByteArray content; // sif-metadata JSON, or for legacy signatures the hex digest after "SIFHASH:"
    QString error; // why the data could not be unwrapped; empty on success

    static SifSignatureEnvelope unwrap(const QByteArray& data);
    static QString kindName(SifSignature::Kind kind);
};

} // namespace sreg::sif
