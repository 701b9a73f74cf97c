#include "RemoteImageFile.h"

#include "RemoteErrors.h"
#include "RemoteHttp.h"
#include "storage/RetryPolicy.h"

#include <QRegularExpression>
#include <thread>

namespace sreg::remote {

namespace {

struct ContentRange
{
    qint64 first = -1;
    qint64 total = -1;
};

ContentRange parseContentRange(const QByteArray& header)
{
    static const QRegularExpression pattern(QStringLiteral("^bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)$"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(header).trimmed());
    ContentRange range;
    if (match.hasMatch()) {
        range.first = match.captured(1).toLongLong();
        range.total = match.captured(3) == u"*" ? -1 : match.captured(3).toLongLong();
    }
    return range;
}

} // namespace

RemoteImageFile::RemoteImageFile(std::shared_ptr<RemoteHttp> http, QString path, qint64 size, bool authorize)
    : m_http(std::move(http))
    , m_path(std::move(path))
    , m_size(size)
    , m_authorize(authorize)
{
}

Result<qint64> RemoteImageFile::sizeOf(RemoteHttp& http, const QString& path, bool authorize)
{
    RemoteRequest request;
    request.target = path;
    request.authorize = authorize;
    request.headers.append({ QByteArray("Range"), QByteArray("bytes=0-0") });
    qint64 ignored = 0;
    request.receiver = [&ignored](const char*, qint64 size) {
        ignored += size;
        return ignored <= 1;
    };
    Result<RemoteReply> reply = http.sendIdempotent(request);
    if (!reply)
        return reply.error();
    if (!reply->ok())
        return RemoteErrors::fromReply(*reply, QStringLiteral("read the size of %1").arg(path));
    const ContentRange range = parseContentRange(reply->header("Content-Range"));
    if (range.total >= 0)
        return range.total;
    const qint64 length = reply->header("Content-Length").toLongLong();
    if (reply->status == 200 && length > 0)
        return length;
    return Error(ErrorCode::Io, QStringLiteral("%1 does not say how large %2 is").arg(http.connection().displayUrl(), path));
}

Status RemoteImageFile::attempt(qint64 offset, qint64 end, const BodyReceiver& sink, qint64& delivered, bool& transient)
{
    const qint64 wanted = end - offset;
    RemoteRequest request;
    request.target = m_path;
    request.authorize = m_authorize;
    request.headers.append(
        { QByteArray("Range"), QByteArray("bytes=") + QByteArray::number(offset) + '-' + QByteArray::number(end - 1) });
    qint64 skip = 0;
    bool sinkStopped = false;
    std::optional<Error> wrong;
    // Checked before any body byte reaches sink: bytes of another range must never be taken for ours.
    request.onHeaders = [&](int status, const HeaderList& headers) {
        if (status == 206) {
            QByteArray contentRange;
            for (const auto& [name, value] : headers) {
                if (name.compare("Content-Range", Qt::CaseInsensitive) == 0)
                    contentRange = value;
            }
            const qint64 first = parseContentRange(contentRange).first;
            if (first != offset) {
                wrong = Error(ErrorCode::Io, QStringLiteral("%1 answered bytes from %2 when asked for byte %3")
                                                 .arg(m_path)
                                                 .arg(first)
                                                 .arg(offset));
                return false;
            }
        } else if (status == 200) {
            skip = offset; // the server ignored Range and sends from byte 0: drop what precedes offset
        }
        return true;
    };
    request.receiver = [&](const char* data, qint64 size) {
        if (skip > 0) {
            const qint64 dropped = std::min(skip, size);
            skip -= dropped;
            data += dropped;
            size -= dropped;
        }
        const qint64 take = std::min(size, wanted - delivered);
        if (take > 0 && !sink(data, take)) {
            sinkStopped = true;
            return false;
        }
        delivered += take;
        // More bytes than asked for only come from a server that ignored Range: stop it there.
        return take == size || delivered < wanted;
    };
    Result<RemoteReply> reply = m_http->send(request);
    if (!reply) {
        if (wrong)
            return *wrong;
        if (delivered == wanted)
            return {};
        if (sinkStopped)
            return Error(ErrorCode::Cancelled, QStringLiteral("the transfer was stopped"));
        transient = reply.error().code() == ErrorCode::Unavailable;
        return reply.error();
    }
    if (!reply->ok()) {
        transient = RemoteHttp::isTransientStatus(reply->status);
        return RemoteErrors::fromReply(*reply, QStringLiteral("read %1").arg(m_path));
    }
    if (delivered < wanted) {
        transient = true;
        return Error(ErrorCode::Unavailable,
                     QStringLiteral("the answer ended at byte %1 of %2").arg(offset + delivered).arg(end));
    }
    return {};
}

Status RemoteImageFile::read(qint64 offset, qint64 length, const BodyReceiver& sink, const std::atomic<bool>* cancel)
{
    if (offset < 0 || length < 0 || offset + length > m_size)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("bytes %1-%2 are outside %3 (%4 bytes)").arg(offset).arg(offset + length).arg(m_path).arg(m_size));
    const qint64 end = offset + length;
    qint64 position = offset;
    RetryPolicy pause;
    pause.baseDelay = m_resume.baseDelay;
    pause.maxDelay = m_resume.maxDelay;
    int stalls = 0;
    const BodyReceiver guarded = [&](const char* data, qint64 size) {
        if (cancel && cancel->load())
            return false;
        return sink(data, size);
    };
    while (position < end) {
        if (cancel && cancel->load())
            return Error(ErrorCode::Cancelled, QStringLiteral("the transfer was cancelled"));
        qint64 delivered = 0;
        bool transient = false;
        const Status done = attempt(position, end, guarded, delivered, transient);
        position += delivered;
        if (done)
            continue;
        if (done.error().code() == ErrorCode::Cancelled)
            return done;
        stalls = delivered > 0 ? 1 : stalls + 1;
        if (!transient || stalls >= m_resume.maxStalls)
            return done.error().prefixed(QStringLiteral("reading %1 at byte %2").arg(m_http->urlFor(m_path)).arg(position));
        std::this_thread::sleep_for(pause.delayBefore(stalls + 1));
    }
    return {};
}

} // namespace sreg::remote
