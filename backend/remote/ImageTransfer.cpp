#include "ImageTransfer.h"

namespace sreg::remote {

Result<ReceiveOutcome> ImageTransfer::copy(TransferEndpoint& from, const ImageRecord& image, TransferEndpoint& to,
                                           PushRequest target, const ProgressCallback& progress)
{
    const std::optional<Digest> digest = Digest::fromString(image.digest);
    if (!digest)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1/%2 on %3 has no SHA-256 digest (\"%4\"): it cannot be copied verifiably")
                         .arg(image.collection, image.container, from.describe(), image.digest.left(80)));
    if (image.size <= 0)
        return Error(ErrorCode::NotFound, QStringLiteral("%1/%2 (%3) has no bytes on %4")
                                              .arg(image.collection, image.container, image.digest, from.describe()));
    if (target.arch.isEmpty())
        target.arch = image.arch;
    if (target.description.isEmpty())
        target.description = image.description;
    Result<ReceiveOutcome> received = to.receive(
        target, *digest, image.size, [&from, &image] { return from.read(image); }, progress);
    if (!received)
        return received.error().prefixed(QStringLiteral("copying %1/%2 (%3) from %4 to %5")
                                             .arg(image.collection, image.container, image.digest.left(19),
                                                  from.describe(), to.describe()));
    return received;
}

} // namespace sreg::remote
