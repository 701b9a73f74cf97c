#include "ImagePusher.h"

#include "ServerContext.h"
#include "UploadHandler.h"
#include "registry/ImageService.h"
#include "registry/Registry.h"
#include "storage/BlobWriter.h"

#include <httplib.h>

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

Result<ImageRecord> ImagePusher::pushAssembled(const Actor& actor, const ImageRecord& image,
                                              std::unique_ptr<BlobWriter> assembled)
{
    const qint64 size = assembled->staged().size(); // before the writer moves into the call
    Result<std::unique_ptr<PushSession>> session
        = m_context.registry().images().beginPushFromWriter(actor, requestFor(image, size), std::move(assembled));
    if (!session)
        return session.error();
    return (*session)->finish();
}

} // namespace sreg::http
