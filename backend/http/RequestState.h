#pragma once

#include <QString>
#include <chrono>
#include <optional>

namespace sreg::http {

// What the access log needs to know about the request a worker thread is serving, beyond what cpp-httplib's
// logger callback receives: when it started and who it turned out to be. cpp-httplib serves one request at a
// time per thread and calls the pre-routing handler, the route handler and the logger on that thread, so a
// thread-local slot is enough; the request's address tells a stale slot from the current one.
class RequestState final
{
public:
    struct Snapshot
    {
        QString user;
        qint64 elapsedMs = -1; // -1: the request never reached routing (e.g. a malformed request line)
    };

    static void begin(const void* request);
    static void setUser(const QString& user);
    // Returns what was recorded for request and clears the slot.
    static Snapshot end(const void* request);
};

} // namespace sreg::http
