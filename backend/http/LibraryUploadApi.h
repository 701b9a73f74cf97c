#pragma once

#include "HttplibFwd.h"
#include "ImagePusher.h"

namespace sreg::http {

class LibraryMultipartApi;
class ServerContext;

// Library API single-part uploads and the capability URLs bytes are PUT to:
//   POST /v2/imagefile/<id> {"filesize","sha256sum","md5sum"} -> {"data":{"uploadURL": <base>/capability/<token>}}
//   PUT  <uploadURL>  the raw image, no Authorization (the URL is the credential)      -> 200
//   PUT  /v2/imagefile/<id>/_complete                                                   -> 200 {"data":{}}
//   POST /v1/imagefile/<id>  the legacy upload: raw body with Authorization             -> 200
// PUTs to a part's presignedURL are handed to LibraryMultipartApi.
class LibraryUploadApi final
{
public:
    LibraryUploadApi(ServerContext& context, LibraryMultipartApi& multipart);
    void registerRoutes(httplib::Server& server);

private:
    void requestUploadUrl(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void complete(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void legacyUpload(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);
    void putToCapability(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader);

    ServerContext& m_context;
    LibraryMultipartApi& m_multipart;
    ImagePusher m_pusher;
};

} // namespace sreg::http
