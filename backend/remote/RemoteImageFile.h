#pragma once

#include "RemoteMessage.h"
#include "common/Result.h"

#include <QString>
#include <atomic>
#include <chrono>
#include <memory>

namespace sreg::remote {

class RemoteHttp;

// The bytes of one image on a remote registry, read with HTTP Range requests. A read that breaks off (a
// connection reset, a server that stops and comes back) continues from the first byte not yet delivered, after
// a growing pause, until it has made no progress for maxStalls attempts in a row: this is what makes downloads
// resumable without ever delivering a byte twice.
class RemoteImageFile final
{
public:
    struct Resume
    {
        int maxStalls = 8; // consecutive attempts that delivered nothing
        std::chrono::milliseconds baseDelay { 500 };
        std::chrono::milliseconds maxDelay { 8000 };
    };

    // path: relative to the connection, or an absolute URL; size: the image's size in bytes. authorize: send
    // the connection's credentials (not for capability URLs).
    RemoteImageFile(std::shared_ptr<RemoteHttp> http, QString path, qint64 size, bool authorize = true);

    qint64 size() const { return m_size; }
    const QString& path() const { return m_path; }
    void setResume(const Resume& resume) { m_resume = resume; }

    // Streams bytes [offset, offset + length) to sink, in order, each exactly once. Fails when sink returns false
    // (Cancelled: a sink that fails keeps its own reason), when cancel becomes true, or when the server keeps
    // failing.
    Status read(qint64 offset, qint64 length, const BodyReceiver& sink, const std::atomic<bool>* cancel = nullptr);

    // The size of a remote file from a one-byte ranged GET (Content-Range), for when no record says it.
    static Result<qint64> sizeOf(RemoteHttp& http, const QString& path, bool authorize = true);

private:
    // One ranged GET from offset; delivered counts the bytes that reached sink. transient: worth another try.
    Status attempt(qint64 offset, qint64 end, const BodyReceiver& sink, qint64& delivered, bool& transient);

    std::shared_ptr<RemoteHttp> m_http;
    QString m_path;
    qint64 m_size = 0;
    bool m_authorize = true;
    Resume m_resume;
};

} // namespace sreg::remote
