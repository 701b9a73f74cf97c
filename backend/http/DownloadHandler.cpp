#include "DownloadHandler.h"

#include "RangeParser.h"

#include <httplib.h>
#include <vector>

namespace sreg::http {

namespace {

bool etagMatches(const std::string& header, const std::string& quotedEtag)
{
    if (header == "*")
        return true;
    // A comma-separated list of (possibly weak) entity tags.
    size_t start = 0;
    while (start <= header.size()) {
        size_t end = header.find(',', start);
        if (end == std::string::npos)
            end = header.size();
        std::string candidate = header.substr(start, end - start);
        while (!candidate.empty() && candidate.front() == ' ')
            candidate.erase(0, 1);
        while (!candidate.empty() && candidate.back() == ' ')
            candidate.pop_back();
        if (candidate.rfind("W/", 0) == 0)
            candidate.erase(0, 2);
        if (candidate == quotedEtag)
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

void DownloadHandler::serve(const httplib::Request& req, httplib::Response& res, std::shared_ptr<ByteSource> source,
                            const Options& options)
{
    const qint64 size = source->size();
    const std::string etag = options.etag.isEmpty() ? std::string() : '"' + options.etag.toStdString() + '"';
    res.set_header("Accept-Ranges", "bytes");
    if (!etag.empty())
        res.set_header("ETag", etag);
    if (!options.filename.isEmpty()) {
        QString safe = options.filename;
        safe.replace(u'"', u'_').replace(u'\\', u'_');
        res.set_header("Content-Disposition", ("attachment; filename=\"" + safe + u'"').toStdString());
    }

    if (!etag.empty() && req.has_header("If-None-Match") && etagMatches(req.get_header_value("If-None-Match"), etag)) {
        res.status = 304;
        return;
    }

    RangeParser::Outcome range;
    if (req.has_header("Range")) {
        // If-Range with another validator means the client's partial copy is stale: send the whole image.
        const bool rangeStillValid
            = !req.has_header("If-Range") || (!etag.empty() && req.get_header_value("If-Range") == etag);
        if (rangeStillValid)
            range = RangeParser::parse(req.get_header_value("Range"), size);
    }
    qint64 first = 0;
    qint64 length = size;
    switch (range.kind) {
    case RangeParser::Kind::Whole:
        res.status = 200;
        break;
    case RangeParser::Kind::Partial:
        res.status = 206;
        first = range.first;
        length = range.length;
        res.set_header("Content-Range",
                       "bytes " + std::to_string(first) + '-' + std::to_string(first + length - 1) + '/'
                           + std::to_string(size));
        break;
    case RangeParser::Kind::Unsatisfiable:
        res.status = 416;
        res.set_header("Content-Range", "bytes */" + std::to_string(size));
        return;
    }

    if (length == 0) {
        res.set_header("Content-Length", "0");
        return;
    }
    auto buffer = std::make_shared<std::vector<char>>();
    res.set_content_provider(size_t(length), options.contentType.toStdString(),
                             [source, buffer, first](size_t offset, size_t want, httplib::DataSink& sink) {
                                 if (buffer->empty())
                                     buffer->resize(size_t(SliceBytes));
                                 const qint64 count = std::min<qint64>(qint64(want), SliceBytes);
                                 Result<qint64> read = source->readAt(first + qint64(offset), buffer->data(), count);
                                 if (!read || *read <= 0)
                                     return false; // the connection is dropped: a short body is better than a wrong one
                                 return sink.write(buffer->data(), size_t(*read));
                             });
}

} // namespace sreg::http
