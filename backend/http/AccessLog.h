#pragma once

#include "common/Result.h"

#include <QString>
#include <cstdio>
#include <memory>
#include <mutex>

namespace sreg::http {

struct AccessEntry
{
    QString client; // remote address
    QString method;
    QString path; // already redacted
    int status = 0;
    qint64 bytes = 0; // response body bytes announced
    qint64 elapsedMs = -1;
    QString user; // empty: anonymous
    QString problem; // for server errors (5xx): what went wrong, so operators need not reproduce it
};

// One line per request, to stderr or to a file in the data folder:
//   2026-11-30T04:42:42.123Z 127.0.0.1 "GET /v1/images/a/b/c:latest" 200 1234 5ms alice
// Query strings are never logged (they may carry secrets one day) and capability tokens are cut out of paths,
// so the log can be shared without handing out access.
class AccessLog final
{
public:
    ~AccessLog();
    // path empty: stderr. Otherwise appended to (created 0600).
    static Result<std::unique_ptr<AccessLog>> open(const QString& path);

    void write(const AccessEntry& entry);
    static QString format(const AccessEntry& entry, qint64 nowMs);
    // "/capability/<token>" -> "/capability/<redacted>"; control characters are escaped so a request cannot forge
    // log lines.
    static QString redactPath(const QString& path);

private:
    AccessLog(std::FILE* file, bool owned);
    std::FILE* m_file = nullptr;
    bool m_owned = false;
    std::mutex m_mutex;
};

} // namespace sreg::http
