#pragma once

#include "Actor.h"
#include "PushRequest.h"
#include "common/Result.h"
#include "metadata/Records.h"

#include <functional>
#include <memory>

namespace sreg {

class BlobWriter;
class ByteSource;
struct RegistryContext;

// One image arriving: bytes stream in through write() (hashed as they come, never held in memory), then
// finish() verifies them, parses the SIF, checks quota and permissions again, publishes the blob and records
// image and tags in one transaction. Any failure, abort() or destruction leaves the registry exactly as before.
class PushSession final
{
public:
    PushSession(RegistryContext& context, Actor actor, PushRequest request, std::unique_ptr<BlobWriter> writer,
        qint64 quotaRemaining);
    ~PushSession();
    PushSession(const PushSession&) = delete;
    PushSession& operator=(const PushSession&) = delete;

    Status write(const char* data, qint64 size);
    // Appends a whole range of a source (a local file: copied inside the kernel by stores that can).
    Status writeFrom(ByteSource& source, qint64 offset, qint64 length, const std::function<bool(qint64)>& progress = {});
    qint64 bytesReceived() const;
    Result<ImageRecord> finish();
    void abort();

    const PushRequest& request() const { return m_request; }

    // For multipart uploads whose parts were assembled elsewhere: adopt a finished writer instead of streaming.
    static std::unique_ptr<PushSession> fromFinishedWriter(RegistryContext& context, Actor actor,
        PushRequest request, std::unique_ptr<BlobWriter> finishedWriter);

private:
    Result<ImageRecord> record(const QString& digest, qint64 size, const QString& arch, bool isSigned,
        const QByteArray& sifJson, const QMap<QString, QString>& labels);

    RegistryContext& m_context;
    Actor m_actor;
    PushRequest m_request;
    std::unique_ptr<BlobWriter> m_writer;
    qint64 m_quotaRemaining = -1; // -1 = unlimited
    bool m_writerFinished = false;
    bool m_done = false;
};

} // namespace sreg
