#pragma once

#include "HttplibFwd.h"
#include "common/Result.h"

#include <atomic>
#include <functional>

namespace sreg::http {

// Streams a request body to a sink (a PushSession, a part writer, a multipart parser) in slices of up to
// SliceBytes, never holding more than one slice: peak memory does not grow with the upload. cpp-httplib hands
// the body over in 4 KiB reads; collecting them into 1 MiB slices keeps the hashing and disk writes efficient.
class UploadHandler final
{
public:
    using Sink = std::function<Status(const char* data, qint64 size)>;
    static constexpr qint64 SliceBytes = 1 << 20;

    // Fails with the sink's error, with TooLarge past maxBytes (checked as bytes arrive, before they reach the
    // sink), with Unavailable when stopping becomes true (server shutdown), or with InvalidArgument (400: the
    // request was incomplete) when the connection breaks or times out before the body is complete. bytesRead (optional)
    // receives the number of body bytes taken. A request with neither Content-Length nor chunked encoding has no body
    // (cpp-httplib would otherwise wait for the connection to close).
    static Status stream(const httplib::Request& req, const httplib::ContentReader& reader, const Sink& sink,
                         qint64 maxBytes, const std::atomic<bool>& stopping, qint64* bytesRead = nullptr);
    static bool hasBody(const httplib::Request& req);

    // Wraps a route handler so that a body it did not read (a request refused before its upload started) is
    // read and dropped when it is at most DrainBytes long: the client then gets the reply on a connection that
    // stays usable. cpp-httplib would otherwise parse the unread bytes as the next requests until it gives up.
    // Larger unread bodies are left alone rather than received for nothing.
    using BodyHandler = std::function<void(const httplib::Request&, httplib::Response&, const httplib::ContentReader&)>;
    static BodyHandler draining(BodyHandler handler);
    static constexpr qint64 DrainBytes = 16 << 20;

    // Reads a small body (JSON, form fields) whole; TooLarge past maxBytes.
    static Result<QByteArray> readSmall(const httplib::Request& req, const httplib::ContentReader& reader,
                                        qint64 maxBytes, const std::atomic<bool>& stopping);
};

} // namespace sreg::http
