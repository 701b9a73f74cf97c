#pragma once

#include "HttplibFwd.h"
#include "common/ByteSource.h"

#include <QString>
#include <memory>

namespace sreg::http {

// Sends a ByteSource as the response body without ever holding it in memory: Content-Length, HEAD, a single
// Range (206/416), ETag (the image digest, which never changes for the same URL content) with If-None-Match and
// If-Range. Bytes are read in 256 KiB slices as the socket accepts them.
class DownloadHandler final
{
public:
    struct Options
    {
        QString etag; // "sha256.<hex>", sent quoted
        QString filename; // Content-Disposition: attachment; empty = none
        QString contentType = QStringLiteral("application/octet-stream");
    };

    static void serve(const httplib::Request& req, httplib::Response& res, std::shared_ptr<ByteSource> source,
                      const Options& options);

    static constexpr qint64 SliceBytes = 256 * 1024;
};

} // namespace sreg::http
