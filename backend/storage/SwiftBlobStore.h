#pragma once

#include "ObjectBlobStore.h"
#include "SwiftClient.h"

namespace sreg {

// Blobs in an OpenStack Swift container: the keys of ObjectKeyLayout, blobs larger than one chunk as static
// large objects (SwiftSegmentedUpload), tempauth or Keystone v3 sign-in with token refresh (SwiftAuth).
class SwiftBlobStore final : public ObjectBlobStore
{
public:
    struct Options
    {
        SwiftClient::Options client;
        QString prefix;
        Tuning tuning;
    };

    // Signs in and checks that the container answers before anything else.
    static Result<std::unique_ptr<SwiftBlobStore>> open(Options options);

    QString kind() const override { return QStringLiteral("swift"); }
    SwiftClient& swift() { return *m_swift; }

protected:
    Result<std::unique_ptr<ChunkedUpload>> beginChunked(const QString& key, bool contentAddressed,
                                                        const BlobWriteOptions& options) override;
    Status cleanupWriters(std::chrono::seconds maxAge) override;

private:
    SwiftBlobStore(std::shared_ptr<SwiftClient> client, Options options);
    // Whether the manifest of target lists segments of writerId (the write was committed).
    Result<bool> committed(const QString& target, const QString& writerId);

    std::shared_ptr<SwiftClient> m_swift;
};

} // namespace sreg
