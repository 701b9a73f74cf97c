#pragma once

#include <memory>

#include "HttplibFwd.h"
#include "common/Result.h"
#include "metadata/Records.h"
#include "registry/Actor.h"

namespace sreg {
class BlobWriter;
}

namespace sreg::http {

class ServerContext;

// Fills an image the library API announced (POST /v1/images) with bytes: straight from a request body, or from a
// multipart upload the blob store assembled. Everything goes through a PushSession, so the engine checks digest,
// size, SIF validity, quota and permissions, and any failure or a cut connection leaves nothing behind.
class ImagePusher final
{
public:
    explicit ImagePusher(ServerContext& context);

    // expectedSize -1: unknown (the body's length decides). The body must hash to the image's digest.
    Result<ImageRecord> pushBody(const Actor& actor, const ImageRecord& image, const httplib::Request& req,
                                 const httplib::ContentReader& reader, qint64 expectedSize);

    // The assembled writer is finished (hashed and checked by the store); the engine adopts it as it is, so the
    // bytes are not copied again.
    Result<ImageRecord> pushAssembled(const Actor& actor, const ImageRecord& image, std::unique_ptr<BlobWriter> assembled);

private:
    ServerContext& m_context;
};

} // namespace sreg::http
