#pragma once

#include "HttplibFwd.h"

namespace sreg::http {

class ServerContext;

// Library API images: GET /v1/images/<ref> (by tag, by sha256.<hex>, per ?arch=), POST /v1/images (announce an
// image before its bytes), DELETE /v1/images/<ref>, and the download GET/HEAD /v1/imagefile/<ref>.
//
// A push looks its image up by hash first and must get a 404 to go on and create it; a private collection the
// caller may not see answers 404 too, indistinguishable from a missing one. Downloads are answered 200 with
// the bytes (never a redirect), which every client version accepts.
class LibraryImagesApi final
{
public:
    explicit LibraryImagesApi(ServerContext& context);
    void registerRoutes(httplib::Server& server);

private:
    void getImage(const httplib::Request& req, httplib::Response& res);
    void createImage(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void deleteImage(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void download(const httplib::Request& req, httplib::Response& res);

    ServerContext& m_context;
};

} // namespace sreg::http
