#pragma once

#include "CapabilityUrls.h"
#include "HttplibFwd.h"
#include "ImagePusher.h"
#include "UploadSessionRepository.h"

#include <optional>

namespace sreg::http {

class ServerContext;

// Library API multipart uploads (the Go client uses them for files over 64 MiB):
//   POST /v2/imagefile/<id>/_multipart {"filesize"}
//        -> {"data":{"uploadID","totalParts","partSize","options":{"s3compliant":"true"}}}
//   PUT  /v2/imagefile/<id>/_multipart {"partSize","uploadID","partNumber","sha256sum"} -> {"data":{"presignedURL"}}
//   PUT  <presignedURL>  the part's bytes, no Authorization -> 200, ETag header = the part's token
//   PUT  /v2/imagefile/<id>/_multipart_complete {"uploadID","completedParts":[{"partNumber","token"}]} -> {"data":{}}
//   PUT  /v2/imagefile/<id>/_multipart_abort {"uploadID"} -> {"data":{}}
// and our addition for resuming:
//   GET  /v2/imagefile/<id>/_multipart[?uploadID=U]
//        -> {"data":{"uploadID","totalParts","partSize","fileSize","parts":[{"partNumber","size","token"}]}}
//
// Parts are 64 MiB (more when a file would need over 10 000), each checked against the SHA-256 the client
// announced ("s3compliant" makes the Go client send it). Sessions live in the database: a push cut halfway,
// or a server restart, does not lose the stored parts. Starting again for the same image and size returns the same
// uploadID, and a client that lists the acknowledged parts (GET above) sends only the missing ones. (The stock Go
// client re-sends every part; the session is still reused and each part simply overwritten.)
class LibraryMultipartApi final
{
public:
    static constexpr qint64 PartBytes = qint64(64) << 20;
    static constexpr int MaxParts = 10000;

    explicit LibraryMultipartApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

    // The PUT to a part's presignedURL (routed by LibraryUploadApi, which owns /capability PUTs).
    void putPart(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader,
                 const CapabilityGrant& grant);

    // Drops sessions (and their stored parts) older than maxAgeMs; run at server start.
    void pruneStale(qint64 maxAgeMs);

private:
    void start(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void presignPart(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void list(const httplib::Request& req, httplib::Response& res);
    void complete(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void abort(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    // The image of the URL, which the caller must be allowed to push to; replies and returns nullopt otherwise.
    std::optional<ImageRecord> pushableImage(const httplib::Request& req, httplib::Response& res, const Actor& actor);
    // The session named uploadID, belonging to image; replies 404 and returns nullopt otherwise.
    std::optional<UploadSession> sessionOf(httplib::Response& res, const QString& uploadId, const ImageRecord& image);
    void drop(const UploadSession& session);

    ServerContext& m_context;
    ImagePusher m_pusher;
};

} // namespace sreg::http
