#include "ImagePusher.h"

#include "ServerContext.h"
#include "UploadHandler.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobWriter.h"

#include <httplib.h>
#include <vector>

namespace sreg::http {

namespace {

PushRequest requestFor(const ImageRecord& image, qint64 expectedSize)
{
    PushRequest request;
    request.collection = image.collection;
    request.container = image.container;
    request.imageId = image.id;
    request.expectedDigest = Digest::fromString(image.digest);
    request.expectedSize = expectedSize;
    request.createCollection = false; // the library client created it (POST /v1/collections) before announcing
    return request;
}

} // namespace

ImagePusher::ImagePusher(ServerContext& context) : m_context(context) { }

Result<ImageRecord> ImagePusher::pushBody(const Actor& actor, const ImageRecord& image, const httplib::Request& req,
                                          const httplib::ContentReader& reader, qint64 expectedSize)
{
    if (expectedSize > m_context.config().maxUploadBytes)
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("the image is larger than the server accepts (%1 bytes)")
                         .arg(m_context.config().maxUploadBytes));
    Result<std::unique_ptr<PushSession>> session
        = m_context.registry().images().beginPush(actor, requestFor(image, expectedSize));
    if (!session)
        return session.error();
    PushSession& push = **session;
    const Status streamed = UploadHandler::stream(
        req, reader, [&push](const char* data, qint64 size) { return push.write(data, size); },
        m_context.config().maxUploadBytes, m_context.stopping());
    if (!streamed) {
        push.abort();
        return streamed.error();
    }
    return push.finish();
}

Result<ImageRecord> ImagePusher::pushAssembled(const Actor& actor, const ImageRecord& image, BlobWriter& assembled)
{
    ByteSource& staged = assembled.staged();
    Result<std::unique_ptr<PushSession>> session
        = m_context.registry().images().beginPush(actor, requestFor(image, staged.size()));
    if (!session) {
        assembled.abort();
        return session.error();
    }
    PushSession& push = **session;
    std::vector<char> slice(size_t(UploadHandler::SliceBytes));
    for (qint64 offset = 0; offset < staged.size();) {
        if (m_context.stopping()) {
            push.abort();
            assembled.abort();
            return Error(ErrorCode::Unavailable, QStringLiteral("the server is shutting down"));
        }
        Result<qint64> read = staged.readAt(offset, slice.data(), qint64(slice.size()));
        if (!read || *read <= 0) {
            push.abort();
            assembled.abort();
            return read ? Error(ErrorCode::Io, QStringLiteral("the assembled upload ended early")) : read.error();
        }
        if (Status written = push.write(slice.data(), *read); !written) {
            push.abort();
            assembled.abort();
            return written.error();
        }
        offset += *read;
    }
    Result<ImageRecord> pushed = push.finish();
    assembled.abort();
    return pushed;
}

} // namespace sreg::http
