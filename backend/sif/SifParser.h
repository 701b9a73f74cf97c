#pragma once

#include "SifImageContent.h"

namespace sreg::sif {

// Reads the global header and the descriptor table. Fails (NotSif / BrokenSif) only when the bytes cannot be
// interpreted at all (reference/sif-format.md §9 items 1-5); every size, offset and count read from the file
// is checked with overflow-safe 64-bit arithmetic before anything is allocated from it.
class SifParser final
{
public:
    static Result<SifImageContent> parse(std::shared_ptr<ByteSource> source);

private:
    static Result<SifHeader> parseHeader(const QByteArray& prefix, qint64 fileSize);
    static Status checkTable(const SifHeader& header, qint64 fileSize, SifImageContent& content);
    static Status readTable(SifImageContent& content);
};

} // namespace sreg::sif
