#include "UploadHandler.h"

#include <QByteArray>
#include <httplib.h>
#include <optional>
#include <vector>

namespace sreg::http {

bool UploadHandler::hasBody(const httplib::Request& req)
{
    if (req.has_header("Content-Length"))
        return req.get_header_value("Content-Length") != "0";
    return req.has_header("Transfer-Encoding");
}

Status UploadHandler::stream(const httplib::Request& req, const httplib::ContentReader& reader, const Sink& sink,
                             qint64 maxBytes, const std::atomic<bool>& stopping, qint64* bytesRead)
{
    if (bytesRead)
        *bytesRead = 0;
    if (!hasBody(req))
        return {};
    if (maxBytes >= 0 && req.has_header("Content-Length")) {
        const std::string announced = req.get_header_value("Content-Length");
        bool ok = false;
        const qint64 length = QByteArray::fromStdString(announced).toLongLong(&ok);
        if (!ok || length > maxBytes)
            return Error(ErrorCode::TooLarge,
                         QStringLiteral("the body is larger than the server accepts (%1 bytes)").arg(maxBytes));
    }
    std::vector<char> slice;
    slice.reserve(size_t(SliceBytes));
    qint64 total = 0;
    std::optional<Error> failure;

    const auto flush = [&]() -> bool {
        if (slice.empty())
            return true;
        Status written = sink(slice.data(), qint64(slice.size()));
        slice.clear();
        if (!written) {
            failure = written.error();
            return false;
        }
        return true;
    };

    const bool complete = reader([&](const char* data, size_t length) {
        if (stopping.load(std::memory_order_relaxed)) {
            failure = Error(ErrorCode::Unavailable, QStringLiteral("the server is shutting down"));
            return false;
        }
        total += qint64(length);
        if (maxBytes >= 0 && total > maxBytes) {
            failure = Error(ErrorCode::TooLarge,
                            QStringLiteral("the body is larger than the server accepts (%1 bytes)").arg(maxBytes));
            return false;
        }
        while (length > 0) {
            const size_t take = std::min(length, size_t(SliceBytes) - slice.size());
            slice.insert(slice.end(), data, data + take);
            data += take;
            length -= take;
            if (slice.size() == size_t(SliceBytes) && !flush())
                return false;
        }
        return true;
    });
    if (bytesRead)
        *bytesRead = total;
    if (failure)
        return *failure;
    if (!complete)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the connection broke or timed out before the body was complete "
                                    "(%1 bytes received)")
                         .arg(total));
    if (!flush())
        return *failure;
    return {};
}

UploadHandler::BodyHandler UploadHandler::draining(BodyHandler handler)
{
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& reader) {
        bool consumed = false;
        const httplib::ContentReader watched(
            [&](httplib::ContentReceiver receiver) {
                consumed = true;
                return reader(std::move(receiver));
            },
            [&](httplib::MultipartContentHeader header, httplib::ContentReceiver receiver) {
                consumed = true;
                return reader(std::move(header), std::move(receiver));
            });
        handler(req, res, watched);
        if (consumed || !hasBody(req) || !req.has_header("Content-Length"))
            return;
        const qint64 length = QByteArray::fromStdString(req.get_header_value("Content-Length")).toLongLong();
        if (length <= 0 || length > DrainBytes)
            return;
        const int status = res.status;
        reader([](const char*, size_t) { return true; });
        res.status = status; // a failed drain must not turn the reply into cpp-httplib's 400
    };
}

Result<QByteArray> UploadHandler::readSmall(const httplib::Request& req, const httplib::ContentReader& reader,
                                            qint64 maxBytes, const std::atomic<bool>& stopping)
{
    QByteArray body;
    Status status = stream(
        req, reader,
        [&](const char* data, qint64 size) -> Status {
            body.append(data, size);
            return {};
        },
        maxBytes, stopping);
    if (!status)
        return status.error();
    return body;
}

} // namespace sreg::http
